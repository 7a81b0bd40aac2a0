import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

export type RegistrationOutcome =
  | { registered: true; seconds: number }
  | { registered: false; reason: string };

/**
 * Waits until the catalog holds every one of `entityRefs`, each read from
 * `location` (not an older entity of the same name from elsewhere), or the
 * time runs out. Reports the wait in the task log.
 */
export async function awaitRegistration(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  entityRefs: string[];
  location: string;
  timeoutMs: number;
  logger: LoggerService;
  pollMs?: number;
}): Promise<RegistrationOutcome> {
  const { catalog, credentials, entityRefs, location, timeoutMs, logger } =
    options;
  const started = Date.now();
  logger.info(
    `Waiting up to ${Math.round(
      timeoutMs / 1000,
    )} s for the catalog to register ${entityRefs.join(', ')}`,
  );
  const pending = new Set(entityRefs);
  for (;;) {
    for (const ref of [...pending]) {
      const entity = await catalog.getEntityByRef(parseEntityRef(ref), {
        credentials,
      });
      const from = entity?.metadata.annotations?.[ANNOTATION_LOCATION];
      if (entity && from === location) {
        pending.delete(ref);
      } else if (entity) {
        return {
          registered: false,
          reason: `${ref} is already in the catalog, read from ${from}; the catalog keeps that one`,
        };
      }
    }
    const seconds = (Date.now() - started) / 1000;
    if (pending.size === 0) {
      logger.info(
        `The catalog registered ${entityRefs.join(', ')} in ${seconds.toFixed(
          1,
        )} s`,
      );
      return { registered: true, seconds };
    }
    if (Date.now() - started > timeoutMs) {
      return {
        registered: false,
        reason: `the catalog did not register ${[...pending].join(
          ', ',
        )} within ${Math.round(timeoutMs / 1000)} s`,
      };
    }
    await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 500));
  }
}

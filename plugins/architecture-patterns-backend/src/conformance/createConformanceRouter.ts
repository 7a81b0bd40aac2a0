import type {
  AuthService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ArchitecturePatternEntity,
  implementedPatternRefs,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ConformanceStore } from './ConformanceStore';

const reportSchema = z
  .object({
    entityRef: z.string().min(1),
    patternRef: z.string().min(1),
    commit: z
      .string()
      .regex(/^[0-9a-f]{40}$/, 'must be a full 40-character commit id'),
    failingRules: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).max(200),
  })
  .strict();

function normalizeRef(ref: string, field: string, defaultKind?: string) {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(`${field}: "${ref}" is not an entity reference`);
  }
}

/**
 * Conformance results:
 *
 * - GET /conformance/results?entityRef= (users and services): the verdicts on one entity the
 *   caller may see.
 * - POST /conformance/results (services only: the static token of a service's CI, configured
 *   under backend.auth.externalAccess): a CI run's verdict on one pattern of one entity. It is
 *   accepted only for an entity that declares the pattern, and only with rule ids of that
 *   pattern; anything else gets a 4xx naming the problem.
 * - GET /conformance/statuses?since= (services only): verdicts changed since a time, for the
 *   catalog module that labels entities with them.
 */
export function createConformanceRouter(options: {
  store: ConformanceStore;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  now?: () => Date;
}): express.Router {
  const { store, catalog, httpAuth } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  router.get('/conformance/results', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (typeof req.query.entityRef !== 'string') {
      throw new InputError('entityRef: give one entity reference');
    }
    const entityRef = normalizeRef(req.query.entityRef, 'entityRef');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    res.json({ results: await store.resultsFor(entityRef) });
  });

  router.post('/conformance/results', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const parsed = reportSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Malformed conformance result: ${parsed.error.issues
          .map(issue => `${issue.path.join('.') || 'body'}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    const report = parsed.data;
    const entityRef = normalizeRef(report.entityRef, 'entityRef');
    const patternRef = normalizeRef(
      report.patternRef,
      'patternRef',
      'architecturepattern',
    );
    const credentials = await options.auth.getOwnServiceCredentials();
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `entityRef: no entity ${entityRef} in the catalog`,
      );
    }
    if (!implementedPatternRefs(entity).includes(patternRef)) {
      throw new InputError(
        `patternRef: ${entityRef} does not declare the pattern ${patternRef}`,
      );
    }
    const pattern = (await catalog.getEntityByRef(patternRef, {
      credentials,
    })) as ArchitecturePatternEntity | undefined;
    const rules = pattern?.spec?.conformance?.rules;
    if (!rules) {
      throw new InputError(
        `patternRef: ${patternRef} has no conformance rules`,
      );
    }
    const unknown = report.failingRules.filter(
      id => !rules.some(rule => rule.id === id),
    );
    if (unknown.length > 0) {
      throw new InputError(
        `failingRules: ${unknown.join(', ')} ${
          unknown.length === 1 ? 'is not a rule' : 'are not rules'
        } of ${patternRef}`,
      );
    }
    const result = {
      entityRef,
      patternRef,
      status:
        report.failingRules.length > 0
          ? ('non-conforming' as const)
          : ('conforming' as const),
      failingRules: [...new Set(report.failingRules)],
      commit: report.commit,
      checkedAt: (options.now?.() ?? new Date()).toISOString(),
      source: 'ci' as const,
    };
    await store.record(result);
    await catalog.refreshEntity(entityRef, { credentials }).catch(() => {});
    res.status(201).json(result);
  });

  router.get('/conformance/statuses', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const since = Number(req.query.since ?? 0);
    if (!Number.isFinite(since) || since < 0) {
      throw new InputError('since: give a time in milliseconds since 1970');
    }
    res.json({ statuses: await store.changesSince(since, 10_000) });
  });

  return router;
}

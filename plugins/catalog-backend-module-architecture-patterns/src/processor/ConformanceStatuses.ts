import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { ConformanceStatus } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

type StatusChange = {
  entityRef: string;
  patternRef: string;
  status: ConformanceStatus;
  updatedAtMs: number;
};

/** Verdicts that may have been written by another replica just before the last read. */
const OVERLAP_MS = 5_000;

const key = (entityRef: string, patternRef: string) =>
  `${entityRef.toLocaleLowerCase('en-US')} ${patternRef.toLocaleLowerCase(
    'en-US',
  )}`;

/**
 * The conformance verdicts the backend plugin holds, mirrored in memory for the catalog's
 * processing: the first read takes all of them, later reads only those changed since (at
 * most one read per `maxAgeMs`, however many entities are processed meanwhile).
 */
export class ConformanceStatuses {
  private readonly statuses = new Map<string, ConformanceStatus>();
  private latestMs = 0;
  private readAt = 0;
  private reading: Promise<void> | undefined;
  private warned = false;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      maxAgeMs?: number;
      now?: () => number;
    },
  ) {}

  /** The verdict on one pattern of one entity, or undefined when there is none (yet). */
  async get(
    entityRef: string,
    patternRef: string,
  ): Promise<ConformanceStatus | undefined> {
    await this.refresh();
    return this.statuses.get(key(entityRef, patternRef));
  }

  private refresh(): Promise<void> {
    const now = this.options.now?.() ?? Date.now();
    if (now - this.readAt < (this.options.maxAgeMs ?? 2_000)) {
      return Promise.resolve();
    }
    this.reading ??= this.read()
      .then(() => {
        this.readAt = this.options.now?.() ?? Date.now();
      })
      .catch(error => {
        if (!this.warned) {
          this.options.logger.warn(
            `Could not read conformance verdicts from the architecture-patterns backend: ${error}`,
          );
          this.warned = true;
        }
      })
      .finally(() => {
        this.reading = undefined;
      });
    return this.reading;
  }

  private async read() {
    const baseUrl = await this.options.discovery.getBaseUrl(
      'architecture-patterns',
    );
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'architecture-patterns',
    });
    for (;;) {
      const since = this.latestMs > 0 ? this.latestMs - OVERLAP_MS : 0;
      const response = await fetch(
        `${baseUrl}/conformance/statuses?since=${since}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!response.ok) {
        throw new Error(`${response.status} ${await response.text()}`);
      }
      const { statuses } = (await response.json()) as {
        statuses: StatusChange[];
      };
      const before = this.latestMs;
      for (const change of statuses) {
        this.statuses.set(
          key(change.entityRef, change.patternRef),
          change.status,
        );
        this.latestMs = Math.max(this.latestMs, change.updatedAtMs);
      }
      // A full page that moved the cursor on: there may be more.
      if (statuses.length < 10_000 || this.latestMs === before) return;
    }
  }
}

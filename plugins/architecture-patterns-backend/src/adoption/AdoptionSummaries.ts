import type {
  AuthService,
  BackstageCredentials,
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  adoptionFacetsRequest,
  AdoptionFilters,
  AdoptionSummary,
  ADOPTION_FILTER_KEYS,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** Counts older than this many max ages are recomputed before answering. */
const STALE_FACTOR = 5;

/**
 * The adoption overview's counts, from catalog facets, shared by every user
 * and kept fresh in the background.
 *
 * Facets over every adopter read each adopter's rows of the catalog's search
 * table; at 100,000 components that takes seconds, too long to run on every
 * page view. A summary is fresh for `maxAgeMs`. A request that finds an
 * older one (up to STALE_FACTOR times as old) gets it at once while one
 * recomputation per filter set runs behind it; older or missing summaries
 * are computed before answering.
 *
 * With `shared: false` (the permission framework is on, so users may see
 * different entities) every request is answered with the caller's own
 * credentials and nothing is cached.
 */
export class AdoptionSummaries {
  private readonly running = new Map<string, Promise<AdoptionSummary>>();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      cache: CacheService;
      logger: LoggerService;
      maxAgeMs: number;
      shared: boolean;
      now?: () => number;
    },
  ) {}

  async get(
    filters: AdoptionFilters,
    credentials: BackstageCredentials,
  ): Promise<AdoptionSummary> {
    if (!this.options.shared) {
      return this.compute(filters, credentials);
    }
    const cached = await this.options.cache.get<AdoptionSummary>(
      cacheKey(filters),
    );
    if (cached) {
      const age = this.now() - Date.parse(cached.computedAt);
      if (age <= this.options.maxAgeMs) {
        return cached;
      }
      if (age <= this.options.maxAgeMs * STALE_FACTOR) {
        this.refresh(filters).catch(error =>
          this.options.logger.warn(
            `Could not refresh the adoption summary for ${cacheKey(
              filters,
            )}: ${error}`,
          ),
        );
        return cached;
      }
    }
    return this.refresh(filters);
  }

  /** Computes the counts again and caches them; one run per filter set at a time. */
  refresh(filters: AdoptionFilters): Promise<AdoptionSummary> {
    const key = cacheKey(filters);
    const running = this.running.get(key);
    if (running) {
      return running;
    }
    const run = (async () => {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const summary = await this.compute(filters, credentials);
      await this.options.cache.set(key, summary, {
        ttl: this.options.maxAgeMs * STALE_FACTOR,
      });
      return summary;
    })().finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  private async compute(
    filters: AdoptionFilters,
    credentials: BackstageCredentials,
  ): Promise<AdoptionSummary> {
    const computedAt = new Date(this.now()).toISOString();
    const { facets } = await this.options.catalog.getEntityFacets(
      adoptionFacetsRequest(filters),
      { credentials },
    );
    return { facets, computedAt };
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }
}

function cacheKey(filters: AdoptionFilters): string {
  const parts = ADOPTION_FILTER_KEYS.filter(key => filters[key]).map(
    key =>
      `${key}=${encodeURIComponent(filters[key]!.toLocaleLowerCase('en-US'))}`,
  );
  return `adoption-summary:${parts.join('&')}`;
}

import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ARCHITECTURE_PATTERN_KIND } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** Answers whether a pattern entity exists in the catalog. */
export interface PatternDirectory {
  has(patternRef: string): Promise<boolean>;
  /**
   * Records a pattern this process has just validated, before the catalog
   * has stored it, so entities processed right after it can refer to it.
   */
  learn?(patternRef: string): void;
}

const PAGE_SIZE = 500;

/**
 * A pattern directory backed by the catalog, holding the set of pattern
 * references in memory. The set is refreshed when it is older than `maxAge`,
 * or on a miss once `minRefreshInterval` has passed, so that a burst of
 * components naming an unknown pattern costs one query, not one each.
 */
export class CatalogPatternDirectory implements PatternDirectory {
  private refs = new Set<string>();
  /** Patterns validated in this process, with when; they expire with maxAge. */
  private learned = new Map<string, number>();
  /** When the set was last loaded; undefined until the first load. */
  private loadedAt?: number;
  private loading?: Promise<void>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      maxAgeMs?: number;
      minRefreshIntervalMs?: number;
      now?: () => number;
    },
  ) {}

  learn(patternRef: string) {
    this.learned.set(patternRef, this.now());
  }

  async has(patternRef: string): Promise<boolean> {
    const now = this.now();
    const learnedAt = this.learned.get(patternRef);
    if (learnedAt !== undefined && now - learnedAt <= this.maxAge()) {
      return true;
    }
    if (this.loadedAt === undefined || now - this.loadedAt > this.maxAge()) {
      await this.reload();
    } else if (
      !this.refs.has(patternRef) &&
      now - this.loadedAt > (this.options.minRefreshIntervalMs ?? 5_000)
    ) {
      await this.reload();
    }
    return this.refs.has(patternRef);
  }

  private maxAge() {
    return this.options.maxAgeMs ?? 60_000;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load() {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const refs = new Set<string>();
    // The catalog does not keep `fields` in the cursor: pass them on every
    // page, or every page after the first returns whole entities.
    const fields = ['kind', 'metadata.name', 'metadata.namespace'];
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, fields, limit: PAGE_SIZE }
          : {
              filter: { kind: ARCHITECTURE_PATTERN_KIND },
              fields,
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      for (const entity of page.items) {
        refs.add(stringifyEntityRef(entity));
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    this.refs = refs;
    this.loadedAt = this.now();
  }
}

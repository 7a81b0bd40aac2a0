import { execFile } from 'child_process';
import fs from 'fs/promises';
import path from 'path';
import { promisify } from 'util';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  adoptionFilter,
  ArchitecturePatternEntity,
  RELATION_IMPLEMENTS_PATTERN,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { localRepositoryOf } from '@platform-architecture/backstage-plugin-architecture-patterns-node';
import type { ConformanceStore } from './ConformanceStore';
import { evaluateRepository, PatternRules } from './evaluateRepository';

const git = promisify(execFile);

/** A repository under the local publishing folder and the entity it registers. */
type LocalAdopter = {
  entityRef: string;
  repository: string;
  patterns: PatternRules[];
};

/**
 * Evaluates the adopters whose repositories live in the local publishing folder: on each run
 * it looks for a new commit in each, and checks it against the conformance rules of the
 * patterns the entity declares, one repository at a time by default. Results go to the store,
 * and the entity is refreshed so the catalog labels it at once.
 */
export class LocalConformanceEvaluator {
  private running: Promise<void> | undefined;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: ConformanceStore;
      logger: LoggerService;
      /** The local publishing folder (absolute). */
      repositoriesDir: string;
      workDir: string;
      cacheDir: string;
      timeoutMs: number;
      concurrency: number;
      cfnGuard: string;
    },
  ) {}

  /** One pass over every local adopter; a second call while one runs waits for it. */
  run(): Promise<void> {
    this.running ??= this.evaluateAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async evaluateAll() {
    const adopters = await this.localAdopters();
    const queue = [...adopters];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await this.evaluateIfChanged(next).catch(error =>
          this.options.logger.warn(
            `Conformance evaluation of ${next!.entityRef} failed: ${error}`,
          ),
        );
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, this.options.concurrency) }, worker),
    );
  }

  private async evaluateIfChanged(adopter: LocalAdopter) {
    const { stdout } = await git('git', ['rev-parse', 'HEAD'], {
      cwd: adopter.repository,
    });
    const commit = stdout.trim();
    const previous = await this.options.store.resultsFor(adopter.entityRef);
    const upToDate = adopter.patterns.every(pattern =>
      previous.some(
        result =>
          result.patternRef === pattern.patternRef.toLocaleLowerCase('en-US') &&
          result.commit === commit &&
          result.source === 'portal',
      ),
    );
    if (upToDate) return;

    const started = Date.now();
    const verdicts = await evaluateRepository({
      repository: adopter.repository,
      commit,
      patterns: adopter.patterns,
      workDir: this.options.workDir,
      cacheDir: this.options.cacheDir,
      timeoutMs: this.options.timeoutMs,
      cfnGuard: this.options.cfnGuard,
    });
    const checkedAt = new Date().toISOString();
    for (const verdict of verdicts) {
      await this.options.store.record({
        entityRef: adopter.entityRef,
        patternRef: verdict.patternRef,
        status: verdict.status,
        failingRules: verdict.failingRules,
        ...('reason' in verdict ? { reason: verdict.reason } : {}),
        commit,
        checkedAt,
        source: 'portal',
      });
    }
    this.options.logger.info(
      `Conformance of ${adopter.entityRef} at ${commit.slice(0, 7)}: ${verdicts
        .map(v => `${v.patternRef} ${v.status}`)
        .join(', ')} (${Date.now() - started} ms)`,
    );
    const credentials = await this.options.auth.getOwnServiceCredentials();
    await this.options.catalog
      .refreshEntity(adopter.entityRef, { credentials })
      .catch(() => undefined);
  }

  /**
   * Adopters registered from a repository in the local publishing folder, with their rules.
   * Looked up by the exact location of each repository's catalog-info.yaml, so the cost
   * follows the number of local repositories, not the size of the catalog.
   */
  private async localAdopters(): Promise<LocalAdopter[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const locations = await this.repositoryLocations();
    const adopters: Entity[] = [];
    for (let i = 0; i < locations.length; i += 100) {
      const { items } = await this.options.catalog.queryEntities(
        {
          filter: {
            ...(adoptionFilter({}) as Record<string, any>),
            [`metadata.annotations.${ANNOTATION_LOCATION}`]: locations.slice(
              i,
              i + 100,
            ),
          },
          fields: ['kind', 'metadata', 'relations'],
          limit: 1000,
        },
        { credentials },
      );
      adopters.push(...items.filter(e => this.repositoryOf(e)));
    }
    if (adopters.length === 0) return [];

    const patternRefs = [
      ...new Set(adopters.flatMap(e => implementedPatterns(e))),
    ];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: patternRefs,
        fields: ['kind', 'metadata', 'spec.conformance'],
      },
      { credentials },
    );
    const rulesByRef = new Map<string, PatternRules>();
    for (const pattern of items as Array<
      ArchitecturePatternEntity | undefined
    >) {
      const conformance = pattern?.spec?.conformance;
      if (pattern && conformance) {
        const ref = stringifyEntityRef(pattern).toLocaleLowerCase('en-US');
        rulesByRef.set(ref, { patternRef: ref, ...conformance });
      }
    }
    return adopters.flatMap(entity => {
      const patterns = implementedPatterns(entity)
        .map(ref => rulesByRef.get(ref.toLocaleLowerCase('en-US')))
        .filter((p): p is PatternRules => Boolean(p));
      return patterns.length > 0
        ? [
            {
              entityRef: stringifyEntityRef(entity),
              repository: this.repositoryOf(entity)!,
              patterns,
            },
          ]
        : [];
    });
  }

  /** `file:` location refs of the catalog-info.yaml of each local repository. */
  private async repositoryLocations(): Promise<string[]> {
    const entries = await fs
      .readdir(this.options.repositoriesDir, { withFileTypes: true })
      .catch(() => []);
    const locations: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const file = path.join(
        this.options.repositoriesDir,
        entry.name,
        'catalog-info.yaml',
      );
      if (
        await fs.stat(file).then(
          () => true,
          () => false,
        )
      ) {
        locations.push(`file:${file}`);
      }
    }
    return locations;
  }

  /** The repository folder of an entity registered from the local publishing folder. */
  private repositoryOf(entity: Entity): string | undefined {
    return localRepositoryOf(entity, this.options.repositoriesDir);
  }
}

function implementedPatterns(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_IMPLEMENTS_PATTERN)
    .map(r => r.targetRef);
}

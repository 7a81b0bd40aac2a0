import fs from 'fs-extra';
import path from 'path';
import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';

const CATALOG_FILE = 'catalog-info.yaml';

/**
 * Discovers the repositories in the local publishing folder, the way the
 * GitHub discovery provider discovers an organisation's repositories: each
 * folder with a catalog-info.yaml becomes a Location the catalog reads. A
 * repository removed from the folder takes its entities with it.
 *
 * The catalog API only accepts url locations, so that users cannot make the
 * backend read arbitrary files; this provider reads only inside its folder.
 */
export class LocalRepositoryEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private scanning?: Promise<void>;
  private rescan?: Promise<void>;

  constructor(
    private readonly options: {
      directory: string;
      logger: LoggerService;
      schedule?: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return 'LocalRepositoryEntityProvider';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.schedule?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: () => this.refresh(),
    });
  }

  /** Scans the folder and replaces the provider's locations with what it finds. */
  refresh(): Promise<void> {
    if (!this.scanning) {
      this.scanning = this.scan().finally(() => {
        this.scanning = undefined;
      });
      return this.scanning;
    }
    // A scan is under way and may have listed the folder before the change
    // that asks for this one: run one more after it. Bursts of requests
    // share that one follow-up scan.
    this.rescan ??= this.scanning
      .catch(() => undefined)
      .then(() => {
        this.rescan = undefined;
        return this.refresh();
      });
    return this.rescan;
  }

  private async scan() {
    if (!this.connection) {
      throw new Error('LocalRepositoryEntityProvider is not connected yet');
    }
    const base = path.resolve(this.options.directory);
    const names = (await fs.pathExists(base)) ? await fs.readdir(base) : [];
    const targets: string[] = [];
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue; // staging folders of a publish in progress
      const file = path.join(base, name, CATALOG_FILE);
      if (await fs.pathExists(file)) targets.push(file);
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: targets.map(target => {
        const entity = locationSpecToLocationEntity({
          location: { type: 'file', target },
        });
        const ref = `file:${target}`;
        entity.metadata.annotations = {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: ref,
          [ANNOTATION_ORIGIN_LOCATION]: ref,
        };
        return { entity, locationKey: ref };
      }),
    });
    this.options.logger.info(`Found ${targets.length} repositories in ${base}`);
  }
}

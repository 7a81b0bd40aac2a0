import os from 'os';
import path from 'path';
import type {
  AuthService,
  DatabaseService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { cfnGuardBinary } from './cfnGuardBinary';
import { ConformanceStore } from './ConformanceStore';
import { createConformanceRouter } from './createConformanceRouter';
import { LocalConformanceEvaluator } from './LocalConformanceEvaluator';

const DEFAULTS = {
  intervalSeconds: 60,
  timeoutSeconds: 180,
  concurrency: 1,
};

/**
 * The conformance store and endpoints, and, when local publishing is configured, the
 * scheduled evaluation of the repositories in its folder (on by default there only: it runs
 * the repositories' code, which a portal should do only for repositories it generated itself).
 */
export async function setUpConformance(deps: {
  config: RootConfigService;
  database: DatabaseService;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  httpRouter: HttpRouterService;
  scheduler: SchedulerService;
  logger: LoggerService;
}) {
  const { config, catalog, auth, logger } = deps;
  const store = await ConformanceStore.create(deps.database);
  deps.httpRouter.use(
    createConformanceRouter({ store, catalog, auth, httpAuth: deps.httpAuth }),
  );

  const settings = config.getOptionalConfig(
    'architecturePatterns.conformance.localEvaluation',
  );
  const repositoriesDir = config.getOptionalString(
    'architecturePatterns.localPublishing.directory',
  );
  const enabled =
    settings?.getOptionalBoolean('enabled') ?? Boolean(repositoriesDir);
  if (!enabled || !repositoriesDir) {
    logger.info('Conformance of local repositories is not evaluated here');
    return;
  }
  const workDir = path.resolve(
    settings?.getOptionalString('workingDirectory') ??
      path.join(os.tmpdir(), 'architecture-conformance'),
  );
  const evaluator = new LocalConformanceEvaluator({
    catalog,
    auth,
    store,
    logger,
    repositoriesDir: path.resolve(repositoriesDir),
    workDir: path.join(workDir, 'evaluations'),
    cacheDir: path.join(workDir, 'installs'),
    timeoutMs:
      (settings?.getOptionalNumber('timeoutSeconds') ??
        DEFAULTS.timeoutSeconds) * 1000,
    concurrency:
      settings?.getOptionalNumber('concurrency') ?? DEFAULTS.concurrency,
    cfnGuard: cfnGuardBinary(),
  });
  const intervalSeconds =
    settings?.getOptionalNumber('intervalSeconds') ?? DEFAULTS.intervalSeconds;
  await deps.scheduler.scheduleTask({
    id: 'conformance-local-evaluation',
    // One pass at a time across replicas: they share the folder and the results.
    scope: 'global',
    frequency: { seconds: intervalSeconds },
    timeout: { hours: 1 },
    initialDelay: { seconds: Math.min(intervalSeconds, 15) },
    fn: () => evaluator.run(),
  });
}

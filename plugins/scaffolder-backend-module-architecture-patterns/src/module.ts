import os from 'os';
import path from 'path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCopyConstructsAction } from './actions/constructs/copyConstructs';
import { createWriteDecisionRecordAction } from './actions/decisionRecord/writeDecisionRecord';
import { createPublishLocalAction } from './actions/publishLocal/publishLocal';
import { createValidateInputsAction } from './actions/validate/validateInputs';
import { createValidateCatalogInfoAction } from './actions/catalogInfo/validateCatalogInfo';
import { installedConstructLibrary } from './actions/constructs/installedConstructLibrary';
import { createWriteConformanceRulesAction } from './actions/conformance/writeConformanceRules';
import { createWriteProvenanceAction } from './actions/provenance/writeProvenance';
import { createFetchServiceSkeletonAction } from './actions/serviceSkeleton/fetchServiceSkeleton';
import { createUpgradeComponentsAction } from './actions/upgrade/upgradeComponents';
import { installedTemplateReleases } from './upgrade/releases/installedTemplateReleases';
import { TemplateReleases } from './upgrade/releases/templateReleases';
import { scaffolderDryRun } from './upgrade/render/scaffolderDryRun';
import { createSafetyGateRunner } from './upgrade/gateRunner';

/** Scaffolder actions of the architecture pattern templates. */
export const scaffolderModuleArchitecturePatterns = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'architecture-patterns',
  register({ registerInit }) {
    registerInit({
      deps: {
        actions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        permissions: coreServices.permissions,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
      },
      async init({
        actions,
        config,
        catalog,
        events,
        permissions,
        discovery,
        auth,
        urlReader,
      }) {
        const settings = config.getOptionalConfig('architecturePatterns');
        // A folder from the config, else the construct library package
        // installed next to the backend.
        const constructDir =
          settings?.getOptionalString('constructLibrary.directory') ??
          installedConstructLibrary();
        const upgrades = settings?.getOptionalConfig('upgrades');
        const releasesDir =
          settings?.getOptionalString('templateReleases.directory') ??
          installedTemplateReleases();
        const localPublishingDirectory = settings?.getOptionalString(
          'localPublishing.directory',
        );
        const integrations = ScmIntegrations.fromConfig(config);
        actions.addActions(
          createValidateInputsAction({
            catalog,
            permissions,
            localPublishingDirectory: settings?.getOptionalString(
              'localPublishing.directory',
            ),
          }),
          createFetchServiceSkeletonAction({
            reader: urlReader,
            integrations,
            templatesDirectory: releasesDir,
          }),
          createCopyConstructsAction({
            library: constructDir ? { directory: constructDir } : undefined,
          }),
          createWriteDecisionRecordAction({
            catalog,
            appBaseUrl: config.getString('app.baseUrl'),
            patternsPath:
              settings?.getOptionalString('patternsPath') ?? '/patterns',
          }),
          createPublishLocalAction({
            directory: settings?.getOptionalString('localPublishing.directory'),
            events,
            catalog,
            registrationTimeoutMs:
              (settings?.getOptionalNumber(
                'localPublishing.registrationTimeoutSeconds',
              ) ?? 60) * 1000,
          }),
          createValidateCatalogInfoAction({ catalog }),
          createWriteConformanceRulesAction({ catalog }),
          createWriteProvenanceAction(),
          createUpgradeComponentsAction({
            catalog,
            permissions,
            releases: releasesDir
              ? new TemplateReleases(releasesDir)
              : undefined,
            localPublishingDirectory,
            integrations,
            urlReader,
            pullRequestAction: createPublishGithubPullRequestAction({
              integrations,
              githubCredentialsProvider:
                DefaultGithubCredentialsProvider.fromIntegrations(integrations),
              config,
            }),
            dryRun: scaffolderDryRun({ discovery, auth }),
            runGate: createSafetyGateRunner({
              installCacheDir: path.resolve(
                upgrades?.getOptionalString('installCacheDirectory') ??
                  path.join(os.tmpdir(), 'architecture-upgrades', 'installs'),
              ),
              timeoutMs:
                (upgrades?.getOptionalNumber('timeoutSeconds') ?? 600) * 1000,
            }),
          }),
        );
      },
    });
  },
});

import fs from 'fs-extra';
import os from 'os';
import path from 'path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderModuleGithub from '@backstage/plugin-scaffolder-backend-module-github';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogModuleArchitecturePatterns from '@platform-architecture/backstage-plugin-catalog-backend-module-architecture-patterns';
import { scaffolderModuleArchitecturePatterns } from '../module';

/** The repository root, found from this package. */
// eslint-disable-next-line no-restricted-syntax -- test helper, run from source
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/**
 * Starts a real catalog and scaffolder backend with both architecture
 * pattern modules, the pattern library, the example organisation and the
 * templates, the way the portal's app-config.yaml wires them, and a fresh
 * local publishing folder.
 */
export async function startPortalTestBackend(
  options: {
    /** Serves the actions over MCP at /api/mcp-actions/v1, as the portal does. */
    mcp?: boolean;
    /** Where github.com's API is served, for a stand-in of it. */
    githubApiBaseUrl?: string;
  } = {},
) {
  const publishDir = await fs.mkdtemp(path.join(os.tmpdir(), 'published-'));
  const backend = await startTestBackend({
    features: [
      // The real in-process event bus, as in the portal's backend, so that
      // publishing triggers the catalog's discovery of the new repository.
      eventsServiceFactory,
      catalogPlugin,
      catalogModuleScaffolderEntityModel,
      scaffolderPlugin,
      scaffolderModuleGithub,
      catalogModuleArchitecturePatterns,
      scaffolderModuleArchitecturePatterns,
      ...(options.mcp ? [mcpActionsPlugin] : []),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { actions: { pluginSources: ['catalog', 'scaffolder'] } },
          // A GitHub integration as a portal would configure it; dry runs
          // never call GitHub, only a stand-in of its API when given.
          integrations: {
            github: [
              {
                host: 'github.com',
                token: 'not-a-real-token',
                ...(options.githubApiBaseUrl && {
                  apiBaseUrl: options.githubApiBaseUrl,
                }),
              },
            ],
          },
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: [
                  'Component',
                  'API',
                  'Resource',
                  'System',
                  'Group',
                  'User',
                  'Location',
                  'Template',
                  'ArchitecturePattern',
                  'DecisionGuide',
                ],
              },
            ],
            locations: [
              {
                type: 'file',
                target: path.join(REPO_ROOT, 'catalog-info.yaml'),
              },
              {
                type: 'file',
                target: path.join(REPO_ROOT, 'examples/org.yaml'),
              },
              {
                type: 'file',
                target: path.join(REPO_ROOT, 'templates/*/template.yaml'),
              },
              // The fixtures' system, and names a new service may not take.
              {
                type: 'file',
                target: path.join(__dirname, 'catalog/existing-entities.yaml'),
              },
            ],
          },
          architecturePatterns: {
            localPublishing: { directory: publishDir, scanIntervalSeconds: 60 },
            constructLibrary: {
              directory: path.join(
                REPO_ROOT,
                'packages/cdk-pattern-constructs',
              ),
            },
            templateReleases: { directory: path.join(REPO_ROOT, 'templates') },
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}`;
  const headers = {
    Authorization: mockCredentials.user.header(),
    'Content-Type': 'application/json',
  };

  async function api(method: string, url: string, body?: unknown) {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  /** Polls until `check` returns a value, or fails after `timeoutMs`. */
  async function waitFor<T>(
    what: string,
    check: () => Promise<T | undefined>,
    timeoutMs = 60_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${what}`);
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  /** Waits until the catalog serves every entity, as kind/namespace/name. */
  function waitForEntities(refs: string[], timeoutMs = 240_000) {
    return waitFor(
      `${refs.join(', ')} in the catalog`,
      async () => {
        for (const ref of refs) {
          const { status } = await api(
            'GET',
            `/api/catalog/entities/by-name/${ref}`,
          );
          if (status !== 200) return undefined;
        }
        return true;
      },
      timeoutMs,
    );
  }

  return {
    api,
    baseUrl,
    waitFor,
    waitForEntities,
    publishDir,
    async stop() {
      await backend.stop();
      await fs.remove(publishDir);
    },
  };
}

/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { createBackend } from '@backstage/backend-defaults';
import { ConfigSources } from '@backstage/config-loader';
import { authModuleOidcSignIn } from './auth/oidcSignIn';
import { permissionModulePortalPolicy } from './permissions/PortalPermissionPolicy';
import {
  checkProductionSettings,
  describeProblems,
  isProductionAuth,
} from './preflight/checkProductionSettings';

async function main() {
  // Read the same config the backend will read (the --config arguments and
  // APP_CONFIG_ variables), and refuse to start on a setting that would
  // leave a half-working portal: a database that rejects the credentials, an
  // unreachable Redis, production sign-in without an OpenID issuer.
  const config = await ConfigSources.toConfig(
    ConfigSources.default({ argv: process.argv }),
  );
  const problems = await checkProductionSettings(config);
  const production = isProductionAuth(config);
  const portalPolicy = config.has(
    'architecturePatterns.permissionPolicy.platformTeams',
  );
  config.close();
  if (problems.length > 0) {
    process.stderr.write(`${describeProblems(problems)}\n`);
    process.exit(1);
  }

  const backend = createBackend();

  backend.add(import('@backstage/plugin-app-backend'));
  backend.add(import('@backstage/plugin-proxy-backend'));

  // scaffolder plugin
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
  backend.add(
    import('@backstage/plugin-scaffolder-backend-module-notifications'),
  );

  // techdocs plugin
  backend.add(import('@backstage/plugin-techdocs-backend'));

  // auth plugin
  backend.add(import('@backstage/plugin-auth-backend'));
  // OpenID Connect sign-in (auth.providers.oidc), mapping the token's email
  // to a User entity in the catalog.
  backend.add(authModuleOidcSignIn);
  // Guest sign-in is for local development only: a production config
  // (auth.environment: production) never offers it.
  if (!production) {
    backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  }

  // catalog plugin
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );

  // See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

  // permission plugin: the portal's policy when the config sets one (the
  // production config does), otherwise everyone may do everything.
  backend.add(import('@backstage/plugin-permission-backend'));
  if (portalPolicy) {
    backend.add(permissionModulePortalPolicy);
  } else {
    backend.add(
      import('@backstage/plugin-permission-backend-module-allow-all-policy'),
    );
  }

  // search plugin
  backend.add(import('@backstage/plugin-search-backend'));

  // search engine
  // See https://backstage.io/docs/features/search/search-engines
  backend.add(import('@backstage/plugin-search-backend-module-pg'));

  // search collators
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));
  backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

  // user settings plugin
  backend.add(import('@backstage/plugin-user-settings-backend'));

  // notifications and signals plugins
  backend.add(import('@backstage/plugin-notifications-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));

  // mcp actions plugin
  backend.add(import('@backstage/plugin-mcp-actions-backend'));

  // architecture patterns: the pattern kind and adoption relations, the
  // template actions, and the decision-guide action for tools and assistants
  backend.add(
    import(
      '@platform-architecture/backstage-plugin-catalog-backend-module-architecture-patterns'
    ),
  );
  backend.add(
    import(
      '@platform-architecture/backstage-plugin-scaffolder-backend-module-architecture-patterns'
    ),
  );
  backend.add(
    import(
      '@platform-architecture/backstage-plugin-architecture-patterns-backend'
    ),
  );
  await backend.start();
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});

import {
  createBackendModule,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  adoptionExportPermission,
  componentUpgradePermission,
  servicePublishPermission,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/**
 * Permissions a user has only on catalog entities their groups own: the new
 * entity's owner when publishing, the component's when upgrading.
 */
const OWNERS_ONLY = [servicePublishPermission, componentUpgradePermission];

/** Permissions only the platform team has, besides the plugin's own. */
const PLATFORM_ONLY = new Set([
  'catalog.entity.delete',
  'catalog.location.delete',
]);

/**
 * The portal's permission policy for production:
 *
 * - Members of a platform team (`architecturePatterns.permissionPolicy.
 *   platformTeams`, group entity refs) may do everything.
 * - Everyone else may browse the catalog and the patterns, use the decision
 *   guides and run templates; publishing a service (locally or to GitHub) is
 *   allowed only when the new entity's owner is one of the user's own
 *   groups (the catalog's `IS_ENTITY_OWNER` rule, applied by the template's
 *   first step); upgrading a generated component to a newer template
 *   version is allowed only for components their groups own (the same
 *   rule, on the component); exporting the adoption data and deleting
 *   catalog entities or locations are refused.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly platformTeams: string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownership = user?.info.ownershipEntityRefs ?? [];
    if (ownership.some(ref => this.platformTeams.includes(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isPermission(request.permission, adoptionExportPermission)) {
      return { result: AuthorizeResult.DENY };
    }
    const ownersOnly = OWNERS_ONLY.find(permission =>
      isPermission(request.permission, permission),
    );
    if (ownersOnly) {
      return createCatalogConditionalDecision(
        ownersOnly,
        catalogConditions.isEntityOwner({ claims: ownership }),
      );
    }
    if (PLATFORM_ONLY.has(request.permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link PortalPermissionPolicy} with the configured platform teams. */
export const permissionModulePortalPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const platformTeams = config.getStringArray(
          'architecturePatterns.permissionPolicy.platformTeams',
        );
        policy.setPolicy(new PortalPermissionPolicy(platformTeams));
      },
    });
  },
});

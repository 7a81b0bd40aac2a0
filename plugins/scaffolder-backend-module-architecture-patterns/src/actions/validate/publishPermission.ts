import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { DEFAULT_NAMESPACE, type Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { servicePublishPermission } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** The catalog's rules a policy may put on publishing, applied here. */
const rules = [permissionRules.isEntityOwner, permissionRules.isEntityKind];
const isAuthorized = createConditionAuthorizer<Entity>({
  getRuleByName(name) {
    const rule = rules.find(r => r.name === name);
    if (!rule) {
      throw new Error(
        `The permission policy puts the rule ${name} on ${
          servicePublishPermission.name
        }; only ${rules
          .map(r => r.name)
          .join(', ')} can be applied before publishing`,
      );
    }
    return rule as any;
  },
});

/**
 * Asks the permission policy whether the user may publish a service that
 * the catalog would register as `kind` owned by `owner`
 * (`architecture-patterns.service.publish`). The entity does not exist yet,
 * so a conditional decision (such as the catalog's IS_ENTITY_OWNER) is
 * applied here to the entity as it would be registered. Returns the problem
 * to report on the owner field, or nothing.
 */
export async function checkPublishPermission(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  owner: string;
  name: string;
  kind?: string;
  field: string;
}): Promise<string[]> {
  const { permissions, credentials, owner, name, field } = options;
  const [decision] = await permissions.authorizeConditional(
    [{ permission: servicePublishPermission }],
    { credentials },
  );
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: options.kind ?? 'Component',
    metadata: { name, namespace: DEFAULT_NAMESPACE },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
  const allowed =
    decision.result === AuthorizeResult.ALLOW ||
    (decision.result === AuthorizeResult.CONDITIONAL &&
      isAuthorized(decision, entity));
  return allowed
    ? []
    : [
        `${field}: you may not publish a service owned by ${owner}; the permission policy allows you to publish only into your own groups' ownership (${servicePublishPermission.name})`,
      ];
}

import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Downloading the adoption data (every adopter, its owner, system and
 * template version) as CSV from the backend's export endpoint.
 */
export const adoptionExportPermission = createPermission({
  name: 'architecture-patterns.adoption.export',
  attributes: { action: 'read' },
});

/**
 * Publishing a service from a pattern template (to the local folder or to
 * GitHub). A resource permission on the catalog entity the task would
 * create: a policy can make it conditional on the catalog's rules, such as
 * `IS_ENTITY_OWNER` (the new entity's owner is one of the user's groups),
 * which the template's first step applies before any side effect.
 */
export const servicePublishPermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'architecture-patterns.service.publish',
    attributes: { action: 'create' },
    resourceType: 'catalog-entity',
  });

/**
 * Upgrading a generated component to a newer version of its template (the
 * `upgrade-service` template proposes a branch per repository). A resource
 * permission on the component's catalog entity, so a policy can make it
 * conditional on catalog rules such as `IS_ENTITY_OWNER`; the upgrade
 * action checks it for every component before touching its repository.
 */
export const componentUpgradePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'architecture-patterns.component.upgrade',
    attributes: { action: 'update' },
    resourceType: 'catalog-entity',
  });

/**
 * Every permission the architecture patterns plugins declare. Re-running a
 * conformance evaluation gets its own once that feature exists.
 */
export const architecturePatternsPermissions = [
  adoptionExportPermission,
  servicePublishPermission,
  componentUpgradePermission,
];

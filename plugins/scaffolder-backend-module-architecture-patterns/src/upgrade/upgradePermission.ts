import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { componentUpgradePermission } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/**
 * Asks the permission policy whether the user may upgrade the component
 * (`architecture-patterns.component.upgrade`). The component exists, so the
 * permission framework applies a conditional decision (such as the
 * catalog's IS_ENTITY_OWNER) to the catalog entity itself. Throws a
 * NotAllowedError naming the component when the answer is no.
 */
export async function assertMayUpgrade(options: {
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  entityRef: string;
}): Promise<void> {
  const { permissions, credentials, entityRef } = options;
  const [decision] = await permissions.authorize(
    [{ permission: componentUpgradePermission, resourceRef: entityRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You may not upgrade ${entityRef}: the permission policy refuses ${componentUpgradePermission.name} on it (usually only the teams owning a component may upgrade it)`,
    );
  }
}

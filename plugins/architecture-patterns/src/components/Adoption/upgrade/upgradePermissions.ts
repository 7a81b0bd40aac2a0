import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { componentUpgradePermission } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';

/** Keeps each permission request to the backend small. */
const BATCH = 100;

/** The components, of those given, the user may not upgrade. */
export async function refusedUpgrades(
  permissionApi: PermissionApi,
  entityRefs: string[],
): Promise<string[]> {
  const refused: string[] = [];
  for (let start = 0; start < entityRefs.length; start += BATCH) {
    const batch = entityRefs.slice(start, start + BATCH);
    // The permission API sends the requests of one tick together.
    const decisions = await Promise.all(
      batch.map(resourceRef =>
        permissionApi.authorize({
          permission: componentUpgradePermission,
          resourceRef,
        }),
      ),
    );
    refused.push(
      ...batch.filter((_, i) => decisions[i].result !== AuthorizeResult.ALLOW),
    );
  }
  return refused;
}

/**
 * Whether the user may upgrade every one of the components. A resource
 * permission can only be decided per resource in the browser (the
 * permission backend refuses a user's request without a resourceRef), so
 * this asks once per component; the permission API sends the questions of
 * one render together. Not usePermission: it takes one resource at a time,
 * and one way of asking for a row and for its version keeps the two
 * consistent.
 */
export function useMayUpgradeEach(entityRefs: string[]): boolean {
  const permissionApi = useApi(permissionApiRef);
  const { value } = useAsync(
    () => refusedUpgrades(permissionApi, entityRefs),
    [permissionApi, entityRefs.join(' ')],
  );
  return entityRefs.length > 0 && value?.length === 0;
}

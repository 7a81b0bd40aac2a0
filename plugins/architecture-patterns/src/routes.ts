import { createRouteRef } from '@backstage/frontend-plugin-api';
import { createRouteRef as createLegacyRouteRef } from '@backstage/core-plugin-api';

/** The pattern catalog page, in the new frontend system. */
export const rootRouteRef = createRouteRef();

/** The pattern catalog page, in apps on the legacy frontend system. */
export const legacyRootRouteRef = createLegacyRouteRef({
  id: 'architecture-patterns',
});

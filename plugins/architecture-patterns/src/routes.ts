import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';
import {
  createExternalRouteRef as createLegacyExternalRouteRef,
  createRouteRef as createLegacyRouteRef,
} from '@backstage/core-plugin-api';

/** The pattern catalog page, in the new frontend system. */
export const rootRouteRef = createRouteRef();

/** The scaffolder page of one template, bound to the scaffolder by default. */
export const templateRouteRef = createExternalRouteRef({
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});

/** The scaffolder page of one task, bound to the scaffolder by default. */
export const taskRouteRef = createExternalRouteRef({
  params: ['taskId'],
  defaultTarget: 'scaffolder.ongoingTask',
});

/** The pattern catalog page, in apps on the legacy frontend system. */
export const legacyRootRouteRef = createLegacyRouteRef({
  id: 'architecture-patterns',
});

/**
 * The scaffolder page of one template, for legacy apps: bind it to the
 * scaffolder's selectedTemplate route in createApp's bindRoutes.
 */
export const legacyTemplateRouteRef = createLegacyExternalRouteRef({
  id: 'architecture-patterns-template',
  params: ['namespace', 'templateName'],
  optional: true,
});

/**
 * The scaffolder page of one task (where an upgrade shows its progress), for
 * legacy apps: bind it to the scaffolder's ongoingTask route in createApp's
 * bindRoutes.
 */
export const legacyTaskRouteRef = createLegacyExternalRouteRef({
  id: 'architecture-patterns-task',
  params: ['taskId'],
  optional: true,
});

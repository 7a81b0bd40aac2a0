import { ReactNode } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  legacyRootRouteRef,
  legacyTaskRouteRef,
  legacyTemplateRouteRef,
} from '../routes';
import {
  PatternLinkProvider,
  scaffolderPaths,
} from '../components/PatternLink/PatternLinkContext';

/** Gives the plugin's components the paths bound in a legacy app. */
export function LegacyBoundary(props: { children: ReactNode }) {
  const catalogRoute = useRouteRef(legacyRootRouteRef);
  const templateRoute = useRouteRef(legacyTemplateRouteRef);
  const taskRoute = useRouteRef(legacyTaskRouteRef);
  let basePath = '/patterns';
  try {
    basePath = catalogRoute();
  } catch {
    // The app did not mount ArchitecturePatternsPage; links use the default.
  }
  return (
    <PatternLinkProvider
      basePath={basePath}
      {...scaffolderPaths({ templateRoute, taskRoute })}
    >
      {props.children}
    </PatternLinkProvider>
  );
}

import { ReactNode } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { legacyRootRouteRef } from '../routes';
import { PatternLinkProvider } from '../components/PatternLink/PatternLinkContext';

/** Gives the plugin's components the page path bound in a legacy app. */
export function LegacyBoundary(props: { children: ReactNode }) {
  const catalogRoute = useRouteRef(legacyRootRouteRef);
  let basePath = '/patterns';
  try {
    basePath = catalogRoute();
  } catch {
    // The app did not mount ArchitecturePatternsPage; links use the default.
  }
  return (
    <PatternLinkProvider basePath={basePath}>
      {props.children}
    </PatternLinkProvider>
  );
}

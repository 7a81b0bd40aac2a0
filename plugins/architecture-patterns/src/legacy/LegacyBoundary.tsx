import { ReactNode } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { legacyRootRouteRef } from '../routes';
import { PatternLinkProvider } from '../components/PatternLink/PatternLinkContext';

/** Gives the plugin's components the page path bound in a legacy app. */
export function LegacyBoundary(props: { children: ReactNode }) {
  const catalogRoute = useRouteRef(legacyRootRouteRef);
  return (
    <PatternLinkProvider basePath={catalogRoute()}>
      {props.children}
    </PatternLinkProvider>
  );
}

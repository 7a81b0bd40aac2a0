import { ReactNode } from 'react';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';
import { PatternLinkProvider } from '../components/PatternLink/PatternLinkContext';

/** Gives the plugin's components the page path bound in a new-system app. */
export function NfsBoundary(props: { children: ReactNode }) {
  const catalogRoute = useRouteRef(rootRouteRef);
  return (
    <PatternLinkProvider basePath={catalogRoute?.() ?? '/patterns'}>
      {props.children}
    </PatternLinkProvider>
  );
}

import { ReactNode } from 'react';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef, taskRouteRef, templateRouteRef } from '../routes';
import {
  PatternLinkProvider,
  scaffolderPaths,
} from '../components/PatternLink/PatternLinkContext';

/** Gives the plugin's components the paths bound in a new-system app. */
export function NfsBoundary(props: { children: ReactNode }) {
  const catalogRoute = useRouteRef(rootRouteRef);
  const templateRoute = useRouteRef(templateRouteRef);
  const taskRoute = useRouteRef(taskRouteRef);
  return (
    <PatternLinkProvider
      basePath={catalogRoute?.() ?? '/patterns'}
      {...scaffolderPaths({ templateRoute, taskRoute })}
    >
      {props.children}
    </PatternLinkProvider>
  );
}

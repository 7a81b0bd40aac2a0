import { createContext, ReactNode, useContext } from 'react';

const PatternBasePathContext = createContext<string>('/patterns');

/**
 * Tells the components below where the pattern pages are mounted, so the
 * same components work in both frontend systems, whichever path the app
 * gives the page.
 */
export function PatternLinkProvider(props: {
  basePath: string;
  children: ReactNode;
}) {
  return (
    <PatternBasePathContext.Provider value={props.basePath.replace(/\/$/, '')}>
      {props.children}
    </PatternBasePathContext.Provider>
  );
}

/** The path of the pattern catalog page. */
export function usePatternCatalogPath(): string {
  return useContext(PatternBasePathContext) || '/';
}

/** A function giving the path of a pattern's page. */
export function usePatternPath(): (patternName: string) => string {
  const base = useContext(PatternBasePathContext);
  return name => `${base}/${encodeURIComponent(name)}`;
}

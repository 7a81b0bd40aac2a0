import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { PatternFilterState } from '../../api/patternQueries';

const KEYS = ['level', 'category', 'service', 'text'] as const;

/**
 * The catalog filters, kept in the page URL so a filtered view can be shared
 * and survives a reload.
 */
export function usePatternFilters(): [
  PatternFilterState,
  (key: keyof PatternFilterState, value: string | undefined) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const state: PatternFilterState = {};
    for (const key of KEYS) {
      const value = params.get(key);
      if (value) state[key] = value;
    }
    return state;
  }, [params]);

  const setFilter = useCallback(
    (key: keyof PatternFilterState, value: string | undefined) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: key === 'text' },
      );
    },
    [setParams],
  );

  return [filters, setFilter];
}

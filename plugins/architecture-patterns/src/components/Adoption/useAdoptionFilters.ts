import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { AdoptionFilters } from './adoptionQueries';

const KEYS = ['owner', 'system', 'lifecycle', 'pattern'] as const;

/** The overview's filters, in the URL so a filtered view can be linked to. */
export function useAdoptionFilters(): [
  AdoptionFilters,
  (key: keyof AdoptionFilters, value: string | undefined) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const state: AdoptionFilters = {};
    for (const key of KEYS) {
      const value = params.get(key);
      if (value) state[key] = value;
    }
    return state;
  }, [params]);
  const setFilter = useCallback(
    (key: keyof AdoptionFilters, value: string | undefined) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      }),
    [setParams],
  );
  return [filters, setFilter];
}

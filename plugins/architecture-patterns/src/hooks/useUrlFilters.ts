import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Filters kept in the page URL (?key=value), so a filtered view can be
 * shared and survives a reload. `replaceKeys` update the current history
 * entry instead of pushing one (for search-as-you-type).
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
  options: { replaceKeys?: readonly K[] } = {},
): [Partial<Record<K, string>>, (key: K, value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const state: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value) state[key] = value;
    }
    return state;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params, keys.join(',')]);

  const replaceKeys = options.replaceKeys ?? [];
  const setFilter = useCallback(
    (key: K, value: string | undefined) => {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: replaceKeys.includes(key) },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setParams, replaceKeys.join(',')],
  );
  return [filters, setFilter];
}

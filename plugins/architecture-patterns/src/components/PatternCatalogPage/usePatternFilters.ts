import type { PatternFilterState } from '../../api/patternQueries';
import { useUrlFilters } from '../../hooks/useUrlFilters';

const KEYS = ['level', 'category', 'service', 'text'] as const;

/** The catalog filters, in the URL; typing in the search box replaces the entry. */
export function usePatternFilters(): [
  PatternFilterState,
  (key: keyof PatternFilterState, value: string | undefined) => void,
] {
  return useUrlFilters(KEYS, { replaceKeys: ['text'] });
}

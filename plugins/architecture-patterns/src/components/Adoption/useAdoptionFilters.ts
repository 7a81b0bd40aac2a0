import {
  ADOPTION_FILTER_KEYS,
  AdoptionFilters,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { useUrlFilters } from '../../hooks/useUrlFilters';

/** The overview's filters, in the URL so a filtered view can be linked to. */
export function useAdoptionFilters(): [
  AdoptionFilters,
  (key: keyof AdoptionFilters, value: string | undefined) => void,
] {
  return useUrlFilters(ADOPTION_FILTER_KEYS);
}

import { useApi } from '@backstage/core-plugin-api';
import { countPatternAdopters } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import { adoptionSummaryApiRef } from '../../api/AdoptionSummaryApi';
import { adoptersRequest } from '../../api/patternQueries';
import { AdoptersTable } from './AdoptersTable';

const PAGE_SIZE = 10;

/**
 * The entities that implement a pattern, filtered on the implementsPattern
 * relation, sorted and paged by the catalog; their number comes from the
 * adoption summary.
 */
export function AdoptedByTable(props: { patternRef: string }) {
  const summaryApi = useApi(adoptionSummaryApiRef);
  const count = useAsync(async () => {
    const { facets } = await summaryApi.getSummary({});
    return countPatternAdopters(facets, props.patternRef);
  }, [summaryApi, props.patternRef]);

  return (
    <AdoptersTable
      title="Adopted by"
      request={adoptersRequest(props.patternRef, PAGE_SIZE)}
      resetKey={props.patternRef}
      pageSize={PAGE_SIZE}
      total={count.loading ? undefined : count.value}
      emptyText="No component declares this pattern yet."
      errorText="Could not load adopters"
    />
  );
}

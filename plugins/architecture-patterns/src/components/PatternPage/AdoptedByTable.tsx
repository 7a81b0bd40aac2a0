import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  ConformanceStatus,
  countByConformance,
  countPatternAdopters,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import { adoptionSummaryApiRef } from '../../api/AdoptionSummaryApi';
import { adoptersRequest } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { ConformanceFilter } from '../Conformance/ConformanceFilter';
import { AdoptersTable } from '../shared/AdoptersTable';

const PAGE_SIZE = 10;

/**
 * The entities that implement a pattern, filtered on the implementsPattern
 * relation (and on their verdict for the pattern, when one is chosen),
 * sorted and paged by the catalog; their number and their number per verdict
 * come from the pattern's adoption summary.
 */
export function AdoptedByTable(props: { patternRef: string }) {
  const { patternRef } = props;
  const summaryApi = useApi(adoptionSummaryApiRef);
  // The verdict filter belongs to one pattern: another pattern starts unfiltered.
  const [filter, setFilter] = useState<{
    patternRef: string;
    status?: ConformanceStatus;
  }>({ patternRef });
  const conformance =
    filter.patternRef === patternRef ? filter.status : undefined;

  const summary = useAsync(async () => {
    const { facets } = await summaryApi.getSummary({ pattern: patternRef });
    return {
      total: countPatternAdopters(facets, patternRef),
      byConformance: countByConformance(facets, { pattern: patternRef }),
    };
  }, [summaryApi, patternRef]);
  const counts = summary.loading ? undefined : summary.value;

  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <ConformanceFilter
          label="Filter adopters by conformance"
          heading="Filter adopters by conformance to this pattern"
          counts={counts?.byConformance}
          value={conformance}
          onChange={status => setFilter({ patternRef, status })}
        />
      </div>
      <AdoptersTable
        title="Adopted by"
        request={adoptersRequest(patternRef, PAGE_SIZE, conformance)}
        resetKey={`${patternRef} ${conformance ?? ''}`}
        pageSize={PAGE_SIZE}
        total={
          counts &&
          (conformance ? counts.byConformance[conformance] : counts.total)
        }
        conformancePattern={patternRef}
        emptyText={
          conformance
            ? 'No adopter has this verdict.'
            : 'No component declares this pattern yet.'
        }
        errorText="Could not load adopters"
      />
    </>
  );
}

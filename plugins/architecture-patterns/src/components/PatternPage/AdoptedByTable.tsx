import { adoptersRequest } from '../../api/patternQueries';
import { AdoptersTable } from './AdoptersTable';

const PAGE_SIZE = 10;

/**
 * The entities that implement a pattern, filtered on the implementsPattern
 * relation, sorted and paged by the catalog.
 */
export function AdoptedByTable(props: { patternRef: string }) {
  return (
    <AdoptersTable
      title="Adopted by"
      request={adoptersRequest(props.patternRef, PAGE_SIZE)}
      resetKey={props.patternRef}
      pageSize={PAGE_SIZE}
      emptyText="No component declares this pattern yet."
      errorText="Could not load adopters"
    />
  );
}

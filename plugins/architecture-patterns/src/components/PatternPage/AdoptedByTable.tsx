import { useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { ANNOTATION_TEMPLATE_VERSION } from '@internal/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import { adoptersRequest } from '../../api/patternQueries';

const PAGE_SIZE = 10;

const columns: TableColumn<Entity>[] = [
  {
    title: 'Name',
    render: entity => <EntityRefLink entityRef={entity} />,
  },
  {
    title: 'Owner',
    render: entity =>
      entity.spec?.owner ? (
        <EntityRefLink
          entityRef={parseEntityRef(String(entity.spec.owner), {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace,
          })}
        />
      ) : (
        '-'
      ),
  },
  { title: 'System', render: entity => String(entity.spec?.system ?? '-') },
  { title: 'Lifecycle', render: entity => String(entity.spec?.lifecycle ?? '-') },
  {
    title: 'Template version',
    render: entity =>
      entity.metadata.annotations?.[ANNOTATION_TEMPLATE_VERSION] ?? 'declared by hand',
  },
];

/**
 * The entities that implement a pattern, one server-side page at a time:
 * the catalog filters on the implementsPattern relation and pages with a
 * cursor, so this stays fast however many services adopt the pattern.
 */
export function AdoptedByTable(props: { patternRef: string }) {
  const catalogApi = useApi(catalogApiRef);
  // The cursors of the pages visited so far, for the pattern they belong to:
  // another pattern starts again from its first page.
  const [paging, setPaging] = useState<{
    patternRef: string;
    cursors: Array<string | undefined>;
  }>({ patternRef: props.patternRef, cursors: [undefined] });
  const cursors =
    paging.patternRef === props.patternRef ? paging.cursors : [undefined];
  const setCursors = (next: Array<string | undefined>) =>
    setPaging({ patternRef: props.patternRef, cursors: next });
  const page = cursors.length - 1;
  const cursor = cursors[page];

  const { value, loading, error } = useAsync(
    () =>
      cursor
        ? catalogApi.queryEntities({ cursor, limit: PAGE_SIZE })
        : catalogApi.queryEntities(adoptersRequest(props.patternRef, PAGE_SIZE)),
    [catalogApi, props.patternRef, cursor],
  );

  return (
    <Table<Entity>
      title={`Adopted by (${value?.totalItems ?? '…'})`}
      columns={columns}
      data={value?.items ?? []}
      isLoading={loading}
      emptyContent={
        <div style={{ padding: 16 }}>
          {error
            ? `Could not load adopters: ${error.message}`
            : 'No component declares this pattern yet.'}
        </div>
      }
      options={{
        paging: true,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [PAGE_SIZE],
        search: false,
        sorting: false,
        padding: 'dense',
      }}
      page={page}
      totalCount={value?.totalItems ?? 0}
      onPageChange={next => {
        if (next > page && value?.pageInfo.nextCursor) {
          setCursors([...cursors, value.pageInfo.nextCursor]);
        } else if (next < page) {
          setCursors(cursors.slice(0, next + 1));
        }
      }}
    />
  );
}

import { useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import type { QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_TEMPLATE_VERSION,
  RELATION_IMPLEMENTS_PATTERN,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import { ConformanceStatusLabel } from '../Conformance/ConformanceStatusLabel';
import { TableLoadingOverlay } from './TableLoadingOverlay';
import {
  overallStatusOf,
  patternStatusOf,
  STATUS_TEXT,
} from '../Conformance/conformanceText';

type Order = { field: string; order: 'asc' | 'desc' };

const ownerLink = (entity: Entity) =>
  entity.spec?.owner ? (
    <EntityRefLink
      entityRef={parseEntityRef(String(entity.spec.owner), {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace,
      })}
    />
  ) : (
    '-'
  );

const patternRefsOf = (entity: Entity) =>
  (entity.relations ?? [])
    .filter(r => r.type === RELATION_IMPLEMENTS_PATTERN)
    .map(r => r.targetRef);

const patternName = (ref: string) => ref.split('/')[1] ?? ref;

/**
 * An adopter's verdict from the catalog's labels: on one pattern, or overall
 * with the verdict per pattern below when it declares several.
 */
function conformanceCell(entity: Entity, patternRef: string | undefined) {
  if (patternRef) {
    return (
      <ConformanceStatusLabel status={patternStatusOf(entity, patternRef)} />
    );
  }
  const refs = patternRefsOf(entity);
  return (
    <>
      <ConformanceStatusLabel status={overallStatusOf(entity)} />
      {refs.length > 1 && (
        <ul style={{ margin: '4px 0 0', paddingLeft: 16, fontSize: '0.85em' }}>
          {refs.map(ref => (
            <li key={ref}>
              {patternName(ref)}:{' '}
              {STATUS_TEXT[patternStatusOf(entity, ref)].toLocaleLowerCase(
                'en-US',
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const templateVersion = (entity: Entity) =>
  entity.metadata.annotations?.[ANNOTATION_TEMPLATE_VERSION] ??
  'declared by hand';

/** Columns, with the catalog field each sorts by on the server. */
function columnsFor(
  showPatterns: boolean,
  conformancePattern: string | undefined,
): Array<TableColumn<Entity> & { sortField?: string }> {
  return [
    {
      title: 'Name',
      field: 'metadata.name',
      sortField: 'metadata.name',
      render: e => <EntityRefLink entityRef={e} />,
    },
    {
      title: 'Owner',
      field: 'spec.owner',
      sortField: 'spec.owner',
      render: ownerLink,
    },
    {
      title: 'System',
      field: 'spec.system',
      sortField: 'spec.system',
      render: e => String(e.spec?.system ?? '-'),
    },
    {
      title: 'Lifecycle',
      field: 'spec.lifecycle',
      sortField: 'spec.lifecycle',
      render: e => String(e.spec?.lifecycle ?? '-'),
    },
    ...(showPatterns
      ? [
          {
            title: 'Patterns',
            sorting: false,
            render: (e: Entity) => patternRefsOf(e).map(patternName).join(', '),
          },
        ]
      : []),
    { title: 'Template version', sorting: false, render: templateVersion },
    {
      title: 'Conformance',
      sorting: false,
      render: e => conformanceCell(e, conformancePattern),
    },
  ];
}

/**
 * A table of entities, one server-side page at a time: the catalog filters,
 * sorts and pages with a cursor, so it stays fast however many entities
 * match. `request` is the first page's query; a new `resetKey` (another
 * pattern, other filters) starts again from the first page.
 *
 * The caller counts the matches (with facets, which it needs anyway) and
 * passes `total`, so the request can leave `totalItems` out and the catalog
 * does not count every match again beside each first page. Until the total
 * arrives the table pages on without it.
 */
export function AdoptersTable(props: {
  title: string;
  request: QueryEntitiesInitialRequest;
  resetKey: string;
  pageSize: number;
  /** How many entities match the request; undefined while it loads. */
  total: number | undefined;
  showPatterns?: boolean;
  /**
   * The pattern whose verdict the Conformance column shows; without it, the
   * adopter's overall verdict and, below it, one per pattern.
   */
  conformancePattern?: string;
  emptyText: string;
  errorText: string;
}) {
  const { request, resetKey, pageSize, total } = props;
  const catalogApi = useApi(catalogApiRef);
  const [state, setState] = useState<{
    key: string;
    order?: Order;
    cursors: Array<string | undefined>;
  }>({
    key: resetKey,
    cursors: [undefined],
  });
  const current =
    state.key === resetKey
      ? state
      : { key: resetKey, order: undefined, cursors: [undefined] };
  const page = current.cursors.length - 1;
  const cursor = current.cursors[page];
  const columns = columnsFor(
    Boolean(props.showPatterns),
    props.conformancePattern,
  );

  const { value, loading, error } = useAsync(
    () =>
      cursor
        ? // The catalog does not keep fields in the cursor: pass them again.
          catalogApi.queryEntities({
            cursor,
            limit: pageSize,
            fields: request.fields,
          })
        : catalogApi.queryEntities(
            current.order
              ? { ...request, orderFields: [current.order] }
              : request,
          ),
    [catalogApi, resetKey, cursor, current.order?.field, current.order?.order],
  );

  // At least one more row than fetched so far while there is a next page:
  // the total may not be in yet, or may predate the newest adopters.
  const seen =
    page * pageSize +
    (value?.items.length ?? 0) +
    (value?.pageInfo.nextCursor ? 1 : 0);
  const pagingTotal = Math.max(total ?? 0, seen);

  return (
    <Table<Entity>
      title={`${props.title} (${total ?? '…'})`}
      columns={columns}
      data={value?.items ?? []}
      isLoading={loading}
      components={{
        OverlayLoading: () => (
          <TableLoadingOverlay
            label={`Loading ${props.title.toLocaleLowerCase('en-US')}`}
          />
        ),
      }}
      emptyContent={
        <div style={{ padding: 16 }}>
          {error ? `${props.errorText}: ${error.message}` : props.emptyText}
        </div>
      }
      options={{
        paging: true,
        pageSize,
        pageSizeOptions: [pageSize],
        search: false,
        sorting: true,
        // Column dragging puts a focusable handle inside each sortable
        // header (axe: nested-interactive), and nobody reorders these columns.
        draggable: false,
        padding: 'dense',
      }}
      page={page}
      totalCount={value ? pagingTotal : 0}
      onOrderChange={(columnIndex, direction) => {
        const field = columns[columnIndex]?.sortField;
        setState({
          key: resetKey,
          order: field
            ? { field, order: direction === 'desc' ? 'desc' : 'asc' }
            : undefined,
          cursors: [undefined],
        });
      }}
      onPageChange={next => {
        if (next > page && value?.pageInfo.nextCursor) {
          setState({
            ...current,
            cursors: [...current.cursors, value.pageInfo.nextCursor],
          });
        } else if (next < page) {
          setState({ ...current, cursors: current.cursors.slice(0, next + 1) });
        }
      }}
    />
  );
}

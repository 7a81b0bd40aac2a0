import type { QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
// The export lives in the common package (the backend's export endpoint
// runs it); these cases drive it through the frontend's catalog fixtures.
import {
  ADOPTION_CSV_HEADER,
  adoptersPageRequest,
  adoptionRow,
  exportAdoptionCsv,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { adopter, createCatalogApi } from '../../__testUtils__/fixtures';

const TEMPLATE = 'template:default/three-tier-service';
const KINDS = ['Component', 'System', 'Resource'];

const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

describe('adoptionRow', () => {
  it('says a generated entity was generated, with its template and version', () => {
    expect(
      adoptionRow(
        adopter('billing', ['three-tier', 'circuit-breaker'], {
          owner: 'group:default/billing-team',
          system: 'payments',
          lifecycle: 'experimental',
          templateVersion: '1.2.0',
          sourceTemplate: TEMPLATE,
        }),
      ),
    ).toEqual([
      'billing',
      'Component',
      'group:default/billing-team',
      'payments',
      'experimental',
      'three-tier circuit-breaker',
      TEMPLATE,
      '1.2.0',
      'generated',
      // No labels yet: not checked, overall and on each pattern.
      'not-checked (three-tier: not-checked; circuit-breaker: not-checked)',
    ]);
  });

  it('says a hand-written entity was declared, and leaves missing values empty', () => {
    expect(
      adoptionRow(adopter('ledger', ['cqrs'], { kind: 'System' })),
    ).toEqual([
      'ledger',
      'System',
      'orders-team',
      undefined,
      'production',
      'cqrs',
      undefined,
      undefined,
      'declared',
      'not-checked',
    ]);
  });

  it('gives the conformance the catalog labelled: overall, then per pattern', () => {
    expect(
      adoptionRow(
        adopter('billing', ['three-tier', 'circuit-breaker'], {
          conformance: { 'three-tier': 'non-conforming' },
        }),
      ).at(-1),
    ).toBe(
      'non-conforming (three-tier: non-conforming; circuit-breaker: not-checked)',
    );
    expect(
      adoptionRow(
        adopter('ledger', ['three-tier'], {
          conformance: { 'three-tier': 'conforming' },
        }),
      ).at(-1),
    ).toBe('conforming');
  });

  it('lists only the implemented patterns, not other relations', () => {
    const entity = adopter('svc', ['saga'], { system: 'checkout' });
    entity.relations!.push({
      type: 'dependsOn',
      targetRef: 'component:default/other',
    });
    expect(adoptionRow(entity)[5]).toBe('saga');
  });
});

describe('exportAdoptionCsv', () => {
  it('pages through every adopter, 500 at a time, with the filter and then the cursors', async () => {
    const adopters = Array.from({ length: 1203 }, (_, i) =>
      adopter(`svc-${String(i).padStart(4, '0')}`, ['cqrs']),
    );
    const catalogApi = createCatalogApi({ adopters });

    const csv = await exportAdoptionCsv(catalogApi, {});

    const requests = catalogApi.queryEntities.mock.calls.map(([r]) => r!);
    expect(requests).toHaveLength(3);
    expect(requests[0]).toEqual(adoptersPageRequest({}, 500));
    expect(requests[0]).toMatchObject({
      filter: {
        'relations.implementsPattern': CATALOG_FILTER_EXISTS,
        kind: KINDS,
      },
      limit: 500,
    });
    expect(requests.slice(1)).toEqual([
      { cursor: expect.any(String), limit: 500, fields: expect.any(Array) },
      { cursor: expect.any(String), limit: 500, fields: expect.any(Array) },
    ]);
    const pages = await Promise.all(
      catalogApi.queryEntities.mock.results.map(r => r.value),
    );
    expect(pages.map(p => p.items.length)).toEqual([500, 500, 203]);
    expect(requests[1]).toEqual({
      cursor: pages[0].pageInfo.nextCursor,
      limit: 500,
      fields: requests[0].fields,
    });
    expect(requests[2]).toEqual({
      cursor: pages[1].pageInfo.nextCursor,
      limit: 500,
      fields: requests[0].fields,
    });
    expect(catalogApi.getEntities).not.toHaveBeenCalled();

    const rows = lines(csv);
    expect(rows).toHaveLength(1204);
    expect(rows[0]).toBe(ADOPTION_CSV_HEADER.join(','));
    expect(rows.slice(1).map(row => row.split(',')[0])).toEqual(
      adopters.map(a => a.metadata.name),
    );
  });

  it('makes one request when one page holds every adopter', async () => {
    const catalogApi = createCatalogApi({
      adopters: [adopter('only-one', ['saga'])],
    });

    const csv = await exportAdoptionCsv(catalogApi, {});

    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(lines(csv)).toHaveLength(2);
  });

  it('exports only the adopters matching the filters', async () => {
    const catalogApi = createCatalogApi({
      adopters: [
        adopter('reporting-api', ['cqrs'], { owner: 'analytics-team' }),
        adopter('order-intake', ['cqrs', 'saga']),
        adopter('warehouse', ['cqrs'], {
          owner: 'group:default/analytics-team',
          lifecycle: 'experimental',
        }),
      ],
    });
    const filters = {
      owner: 'group:default/analytics-team',
      pattern: 'architecturepattern:default/cqrs',
    };

    const csv = await exportAdoptionCsv(catalogApi, filters);

    const request = catalogApi.queryEntities.mock
      .calls[0][0] as QueryEntitiesInitialRequest;
    expect(request.filter).toEqual({
      'relations.implementsPattern': 'architecturepattern:default/cqrs',
      'relations.ownedBy': 'group:default/analytics-team',
      kind: KINDS,
    });
    expect(lines(csv)).toEqual([
      'name,kind,owner,system,lifecycle,patterns,template,template version,provenance,conformance',
      'reporting-api,Component,analytics-team,,production,cqrs,,,declared,not-checked',
      'warehouse,Component,group:default/analytics-team,,experimental,cqrs,,,declared,not-checked',
    ]);
  });

  it('writes provenance and the patterns of each adopter', async () => {
    const catalogApi = createCatalogApi({
      adopters: [
        adopter('billing', ['three-tier', 'circuit-breaker'], {
          sourceTemplate: TEMPLATE,
          templateVersion: '1.2.0',
          system: 'payments',
        }),
        adopter('ledger', ['cqrs'], { kind: 'Resource' }),
      ],
    });

    const csv = await exportAdoptionCsv(catalogApi, {});

    expect(csv).toBe(
      [
        'name,kind,owner,system,lifecycle,patterns,template,template version,provenance,conformance',
        `billing,Component,orders-team,payments,production,three-tier circuit-breaker,${TEMPLATE},1.2.0,generated,not-checked (three-tier: not-checked; circuit-breaker: not-checked)`,
        'ledger,Resource,orders-team,,production,cqrs,,,declared,not-checked',
        '',
      ].join('\r\n'),
    );
  });

  it('escapes owners and names that a spreadsheet would misread', async () => {
    const catalogApi = createCatalogApi({
      adopters: [
        adopter('=HYPERLINK("x")', ['cqrs'], {
          owner: 'group:default/ops, "night" shift',
        }),
        adopter('@svc', ['cqrs'], { system: '+checkout' }),
      ],
    });

    const csv = await exportAdoptionCsv(catalogApi, {});

    // ordered by name: "=" sorts before "@"
    expect(lines(csv).slice(1)).toEqual([
      `"'=HYPERLINK(""x"")",Component,"group:default/ops, ""night"" shift",,production,cqrs,,,declared,not-checked`,
      `'@svc,Component,orders-team,'+checkout,production,cqrs,,,declared,not-checked`,
    ]);
  });

  it('is only the header when nothing adopts a pattern', async () => {
    const catalogApi = createCatalogApi();

    expect(await exportAdoptionCsv(catalogApi, {})).toBe(
      `${ADOPTION_CSV_HEADER.join(',')}\r\n`,
    );
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
  });
});

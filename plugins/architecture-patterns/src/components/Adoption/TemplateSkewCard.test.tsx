import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { TemplateSkewCard } from './TemplateSkewCard';
import { behindRequest, templateVersionFacetsRequest } from './adoptionQueries';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
  patternTemplate,
  testApis,
} from '../../__testUtils__/fixtures';

const THREE_TIER = 'template:default/three-tier-service';
const EVENT_DRIVEN = 'template:default/event-driven-service';

const templates = [
  patternTemplate(
    'three-tier-service',
    'three-tier',
    '1.10.0',
    'Three-tier service',
  ),
  patternTemplate('event-driven-service', 'event-driven-basic', '1.0.0'),
  patternTemplate(
    'active-active-service',
    'multi-site-active-active-dr',
    '1.0.0',
    'Active-active service',
  ),
];
// A template that declares no pattern: the card leaves it out.
const plainTemplate: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'docs-site', namespace: 'default' },
  spec: { type: 'website', owner: 'group:default/platform-team' },
};

const generated = (
  name: string,
  template: string,
  version: string,
  owner = 'orders-team',
) =>
  adopter(name, ['three-tier'], {
    owner,
    sourceTemplate: template,
    templateVersion: version,
  });

const adopters = [
  generated('billing', THREE_TIER, '1.10.0'),
  generated('ledger', THREE_TIER, '1.10.0'),
  generated('invoices', THREE_TIER, '1.9.0', 'billing-team'),
  generated('reports', THREE_TIER, '1.9.0', 'analytics-team'),
  generated('archive', THREE_TIER, '1.2.0', 'group:default/ops-team'),
  generated('canary', THREE_TIER, '2.0.0'),
  generated('orders-events', EVENT_DRIVEN, '1.0.0'),
  // declared by hand: not part of any template's skew
  adopter('hand-made', ['three-tier'], { templateVersion: '1.0.0' }),
];

function renderCard(
  options: { adopters?: Entity[]; templates?: Entity[] } = {},
) {
  const catalogApi = createCatalogApi({
    adopters: options.adopters ?? adopters,
    templates: options.templates ?? [...templates, plainTemplate],
  });
  renderInTestApp(<TemplateSkewCard />, {
    apis: testApis(catalogApi),
    mountedRoutes: catalogEntityRoutes,
  });
  return { catalogApi };
}

describe('TemplateSkewCard', () => {
  it('asks for the templates that declare a pattern, then counts versions per template', async () => {
    const { catalogApi } = renderCard();

    expect(
      await screen.findByTestId('skew-three-tier-service'),
    ).toBeInTheDocument();
    expect(catalogApi.queryEntities).toHaveBeenNthCalledWith(1, {
      filter: {
        kind: 'Template',
        'relations.implementsPattern': CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
      ],
      orderFields: [{ field: 'metadata.name', order: 'asc' }],
      limit: 50,
    });
    expect(catalogApi.getEntityFacets.mock.calls.map(([r]) => r)).toEqual([
      templateVersionFacetsRequest('template:default/active-active-service'),
      templateVersionFacetsRequest(EVENT_DRIVEN),
      templateVersionFacetsRequest(THREE_TIER),
    ]);
    // Only the template with components behind is asked for them, once per
    // version behind.
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(3);
    expect(
      catalogApi.queryEntities.mock.calls.slice(1).map(([r]) => r),
    ).toEqual(
      expect.arrayContaining([
        behindRequest(THREE_TIER, ['1.9.0'], 20),
        behindRequest(THREE_TIER, ['1.2.0'], 20),
      ]),
    );
    expect(catalogApi.getEntities).not.toHaveBeenCalled();

    expect(screen.getAllByTestId(/^skew-/).map(e => e.dataset.testid)).toEqual([
      'skew-active-active-service',
      'skew-event-driven-service',
      'skew-three-tier-service',
    ]);
  });

  it('shows the counts per version, newest first, and how many are up to date or behind', async () => {
    renderCard();

    const threeTier = within(
      await screen.findByTestId('skew-three-tier-service'),
    );
    expect(
      threeTier.getByText(/current 1\.10\.0: 2 up to date, 3 behind/),
    ).toHaveTextContent(
      'Three-tier service — current 1.10.0: 2 up to date, 3 behind',
    );
    // 2.0.0 is newer than the current version: neither up to date nor behind.
    expect(
      threeTier.getByText('2.0.0: 1 · 1.10.0: 2 · 1.9.0: 2 · 1.2.0: 1'),
    ).toBeInTheDocument();

    const eventDriven = within(screen.getByTestId('skew-event-driven-service'));
    // no title: named by its entity name
    expect(eventDriven.getByText(/current 1\.0\.0/)).toHaveTextContent(
      'event-driven-service — current 1.0.0: 1 up to date, 0 behind',
    );
    expect(eventDriven.getByText('1.0.0: 1')).toBeInTheDocument();
    expect(eventDriven.queryByRole('list')).not.toBeInTheDocument();

    const activeActive = within(
      screen.getByTestId('skew-active-active-service'),
    );
    expect(activeActive.getByText(/current 1\.0\.0/)).toHaveTextContent(
      'Active-active service — current 1.0.0: 0 up to date, 0 behind',
    );
    expect(
      activeActive.getByText('No generated components yet'),
    ).toBeInTheDocument();
  });

  it('lists the components behind, by owner, with their version and owner', async () => {
    renderCard();

    const threeTier = within(
      await screen.findByTestId('skew-three-tier-service'),
    );
    const items = await threeTier.findAllByRole('listitem');
    expect(items).toHaveLength(3);

    const first = within(items[0]);
    expect(first.getByRole('link', { name: 'reports' })).toHaveAttribute(
      'href',
      '/catalog/default/component/reports',
    );
    expect(first.getByRole('link', { name: 'analytics-team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/analytics-team',
    );
    expect(items[0]).toHaveTextContent(
      /reports\s+on 1\.9\.0, owned by\s+analytics-team/,
    );
    expect(items[1]).toHaveTextContent(
      /invoices\s+on 1\.9\.0, owned by\s+billing-team/,
    );
    expect(items[2]).toHaveTextContent(
      /archive\s+on 1\.2\.0, owned by\s+ops-team/,
    );
    expect(
      within(items[2]).getByRole('link', { name: 'ops-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/ops-team');
    expect(
      within(threeTier.getByTestId('behind-1.9.0')).getAllByRole('listitem'),
    ).toEqual(items.slice(0, 2));
    expect(threeTier.getByText('On 1.9.0: 2 behind')).toBeInTheDocument();
    expect(threeTier.getByText('On 1.2.0: 1 behind')).toBeInTheDocument();
    expect(threeTier.queryByText(/more$/)).not.toBeInTheDocument();
    expect(screen.queryByText('canary')).not.toBeInTheDocument();
    expect(screen.queryByText('billing')).not.toBeInTheDocument();
  });

  it('lists at most twenty components per version behind and says how many more there are', async () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      generated(
        `old-${String(i + 1).padStart(2, '0')}`,
        THREE_TIER,
        '1.0.0',
        `team-${String(i + 1).padStart(2, '0')}`,
      ),
    );
    const { catalogApi } = renderCard({
      adopters: [generated('fresh', THREE_TIER, '1.10.0'), ...many],
      templates: [templates[0]],
    });

    const card = within(await screen.findByTestId('skew-three-tier-service'));
    expect(await card.findByText('…and 3 more')).toBeInTheDocument();
    expect(card.getAllByRole('link', { name: /^old-/ })).toHaveLength(20);
    expect(card.getByText(/: 1 up to date, 23 behind/)).toBeInTheDocument();
    expect(catalogApi.queryEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 20 }),
    );
  });

  it('says so when no template declares a pattern', async () => {
    const { catalogApi } = renderCard({ templates: [plainTemplate] });

    expect(
      await screen.findByText('No template declares a pattern yet.'),
    ).toBeInTheDocument();
    expect(catalogApi.getEntityFacets).not.toHaveBeenCalled();
  });
});

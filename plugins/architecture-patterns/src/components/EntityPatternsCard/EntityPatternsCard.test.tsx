import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  ANNOTATION_IMPLEMENTS_PATTERNS,
  ArchitecturePatternEntity,
  ConformanceResult,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { EntityPatternsCard } from './EntityPatternsCard';
import {
  adopter,
  conformanceApiWith,
  createCatalogApi,
  libraryPattern,
  patternWithoutRules,
  patternWithRules,
  TEST_RULES,
  testApis,
} from '../../__testUtils__/fixtures';

function renderCard(
  entity: Entity,
  setup?: (catalogApi: ReturnType<typeof createCatalogApi>) => void,
  options: {
    patterns?: ArchitecturePatternEntity[];
    results?: ConformanceResult[];
    conformanceApi?: ReturnType<typeof conformanceApiWith>;
  } = {},
) {
  const catalogApi = createCatalogApi({ patterns: options.patterns });
  setup?.(catalogApi);
  const conformanceApi =
    options.conformanceApi ?? conformanceApiWith(options.results);
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityPatternsCard />
    </EntityProvider>,
    { apis: testApis(catalogApi, conformanceApi) },
  );
  return { catalogApi, conformanceApi };
}

const ORDERS = 'component:default/orders';
const EVENT_DRIVEN = 'architecturepattern:default/event-driven-basic';
const THREE_TIER = 'architecturepattern:default/three-tier';
const COMMIT = '3f2a9c81d4e5b6a7980c1d2e3f4a5b6c7d8e9f01';

function result(
  patternRef: string,
  fields: Partial<ConformanceResult>,
): ConformanceResult {
  return {
    entityRef: ORDERS,
    patternRef,
    status: 'conforming',
    failingRules: [],
    checkedAt: new Date(Date.now() - 3 * 3600 * 1000).toISOString(),
    source: 'ci',
    ...fields,
  };
}

/** The card's line of one pattern. */
async function patternItem(name: string) {
  return within(await screen.findByTestId(`pattern-${name}`));
}

describe('EntityPatternsCard', () => {
  it('lists the implemented patterns with their level and origin', async () => {
    const { catalogApi } = renderCard(
      adopter('order-intake', ['sns-sqs-fan-out', 'cqrs'], {
        templateVersion: '2.1.0',
      }),
    );

    const fanOut = libraryPattern('sns-sqs-fan-out');
    expect(
      await screen.findByRole('link', { name: fanOut.metadata.title }),
    ).toHaveAttribute('href', '/patterns/sns-sqs-fan-out');
    expect(
      screen.getByRole('link', { name: libraryPattern('cqrs').metadata.title }),
    ).toHaveAttribute('href', '/patterns/cqrs');
    expect(screen.getByText(fanOut.spec.level)).toBeInTheDocument();
    expect(
      screen.getByText(libraryPattern('cqrs').spec.level),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('Generated from a template version 2.1.0'),
    ).toHaveLength(2);

    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith({
      entityRefs: [
        'architecturepattern:default/sns-sqs-fan-out',
        'architecturepattern:default/cqrs',
      ],
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.level',
        'spec.conformance.rules',
      ],
    });
  });

  it('says a hand-declared pattern is declared by hand', async () => {
    renderCard(adopter('payment-orchestrator', ['saga']));

    expect(
      await screen.findByRole('link', {
        name: libraryPattern('saga').metadata.title,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Declared by hand')).toBeInTheDocument();
  });

  it('skips relations to patterns the catalog does not have', async () => {
    renderCard(adopter('legacy-thing', ['saga', 'no-such-pattern']));

    expect(
      await screen.findByRole('link', {
        name: libraryPattern('saga').metadata.title,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: /./ }).map(l => l.textContent),
    ).toEqual([libraryPattern('saga').metadata.title, 'Browse all patterns']);
  });

  it('explains how to declare a pattern when the entity has none', async () => {
    const entity = adopter('lonely-service', []);
    delete entity.metadata.annotations![ANNOTATION_IMPLEMENTS_PATTERNS];
    const { catalogApi } = renderCard(entity);

    expect(
      await screen.findByText(
        `This component declares no architecture pattern. Add the ${ANNOTATION_IMPLEMENTS_PATTERNS} annotation to its catalog-info.yaml.`,
      ),
    ).toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('points at processing errors when a declaration matched nothing', async () => {
    const entity = adopter('typo-service', []);
    entity.metadata.annotations![ANNOTATION_IMPLEMENTS_PATTERNS] = 'sagaa';

    renderCard(entity);

    expect(
      await screen.findByText(
        /Declares "sagaa", which the catalog could not match/,
      ),
    ).toBeInTheDocument();
  });

  it('ignores relations of other types', async () => {
    const entity = adopter('svc', ['saga']);
    entity.relations!.push({
      type: 'ownedBy',
      targetRef: 'group:default/orders-team',
    });
    const { catalogApi } = renderCard(entity);

    await screen.findByRole('link', {
      name: libraryPattern('saga').metadata.title,
    });
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: ['architecturepattern:default/saga'],
      }),
    );
  });

  it('shows why patterns could not be loaded', async () => {
    renderCard(adopter('svc', ['saga']), catalogApi =>
      catalogApi.getEntitiesByRefs.mockRejectedValue(new Error('catalog down')),
    );

    expect(
      await screen.findByText('Warning: Could not load patterns'),
    ).toBeInTheDocument();
    expect(screen.getByText('catalog down')).toBeInTheDocument();
  });

  describe('conformance', () => {
    it('shows the verdict on each pattern, with the failing rules and what they check', async () => {
      const { conformanceApi } = renderCard(
        adopter('orders', ['event-driven-basic', 'three-tier']),
        undefined,
        {
          patterns: [
            patternWithRules('event-driven-basic'),
            patternWithRules('three-tier'),
          ],
          results: [
            result(EVENT_DRIVEN, {
              status: 'non-conforming',
              failingRules: ['queue_has_dead_letter_queue', 'queue_encrypted'],
              commit: COMMIT,
            }),
            result(THREE_TIER, { status: 'conforming', commit: COMMIT }),
          ],
        },
      );

      const eventDriven = await patternItem('event-driven-basic');
      expect(
        await eventDriven.findByText('Non-conforming: 2 of 3 rules fail'),
      ).toBeInTheDocument();
      const failing = within(
        eventDriven.getByRole('list', { name: 'Failing rules' }),
      );
      expect(
        failing.getAllByRole('listitem').map(item => item.textContent),
      ).toEqual([
        `high severity: ${TEST_RULES[0].description} (queue_has_dead_letter_queue)`,
        `medium severity: ${TEST_RULES[1].description} (queue_encrypted)`,
      ]);
      // The rule that passes is not listed.
      expect(
        eventDriven.queryByText(TEST_RULES[2].description, { exact: false }),
      ).toBeNull();

      const threeTier = await patternItem('three-tier');
      expect(threeTier.getByText('Conforming')).toBeInTheDocument();
      expect(threeTier.queryByRole('list')).toBeNull();

      expect(conformanceApi.getResults).toHaveBeenCalledWith(ORDERS);
    });

    it('says which commit was checked, when and by whom', async () => {
      renderCard(adopter('orders', ['event-driven-basic']), undefined, {
        patterns: [patternWithRules('event-driven-basic')],
        results: [result(EVENT_DRIVEN, { commit: COMMIT, source: 'ci' })],
      });

      const item = await patternItem('event-driven-basic');
      const commit = await item.findByTestId('commit');
      expect(commit).toHaveTextContent(/^3f2a9c8$/);
      expect(commit).toHaveAttribute('title', COMMIT);
      const time = item.getByText('3 hours ago');
      expect(time.tagName).toBe('TIME');
      expect(time).toHaveAttribute('title', expect.stringMatching(/\d{4}/));
      expect(time.closest('p')).toHaveTextContent(
        'Checked 3 hours ago by CI at commit 3f2a9c8',
      );
    });

    it('gives the reason a pattern was not checked', async () => {
      renderCard(
        adopter('orders', ['event-driven-basic', 'three-tier']),
        undefined,
        {
          patterns: [
            patternWithRules('event-driven-basic'),
            patternWithRules('three-tier'),
          ],
          results: [
            result(EVENT_DRIVEN, {
              status: 'not-checked',
              reason: 'synthesis failed: Cannot find module aws-cdk-lib',
              source: 'portal',
            }),
          ],
        },
      );

      const eventDriven = await patternItem('event-driven-basic');
      expect(
        await eventDriven.findByText(
          'Not checked: synthesis failed: Cannot find module aws-cdk-lib',
        ),
      ).toBeInTheDocument();
      expect(eventDriven.getByText(/by the portal/)).toBeInTheDocument();
      // Declared, with rules, but no result yet.
      expect(
        (await patternItem('three-tier')).getByText(
          'Not checked: not evaluated yet',
        ),
      ).toBeInTheDocument();
    });

    it('says a pattern without conformance rules is not checked', async () => {
      renderCard(adopter('orders', ['saga']), undefined, {
        patterns: [patternWithoutRules('saga')],
      });

      expect(
        await (
          await patternItem('saga')
        ).findByText('Not checked: this pattern has no conformance rules'),
      ).toBeInTheDocument();
    });

    it('marks each verdict with an icon and text, not colour alone', async () => {
      renderCard(adopter('orders', ['event-driven-basic']), undefined, {
        patterns: [patternWithRules('event-driven-basic')],
        results: [
          result(EVENT_DRIVEN, {
            status: 'non-conforming',
            failingRules: ['alarm_on_dead_letters'],
          }),
        ],
      });

      const status = await (
        await patternItem('event-driven-basic')
      ).findByTestId('conformance-status');
      expect(status).toHaveAttribute('data-status', 'non-conforming');
      expect(status.querySelector('svg')).toHaveAttribute(
        'aria-hidden',
        'true',
      );
      expect(status).toHaveTextContent('Non-conforming: 1 of 3 rules fail');
    });

    it('still lists the patterns when the results cannot be loaded', async () => {
      const conformanceApi = conformanceApiWith();
      conformanceApi.getResults.mockRejectedValue(new Error('backend down'));
      renderCard(adopter('orders', ['event-driven-basic']), undefined, {
        conformanceApi,
      });

      expect(
        await screen.findByText('Warning: Could not load conformance results'),
      ).toBeInTheDocument();
      expect(screen.getByText('backend down')).toBeInTheDocument();
      expect(
        screen.getByRole('link', {
          name: libraryPattern('event-driven-basic').metadata.title,
        }),
      ).toBeInTheDocument();
    });

    it('does not ask for results when the entity declares no pattern', async () => {
      const entity = adopter('lonely-service', []);
      delete entity.metadata.annotations![ANNOTATION_IMPLEMENTS_PATTERNS];
      const { conformanceApi } = renderCard(entity);

      await screen.findByText(/declares no architecture pattern/);
      expect(conformanceApi.getResults).not.toHaveBeenCalled();
    });
  });
});

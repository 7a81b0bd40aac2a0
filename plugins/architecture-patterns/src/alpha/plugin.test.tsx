import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreApis, coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import {
  architecturePatternsPlugin,
  entityPatternContent,
  entityPatternsCard,
  patternsPage,
} from './plugin';
import { adopter, createCatalogApi } from '../__testUtils__/fixtures';

describe('spike', () => {
  it('tree', async () => {
    const catalogApi = createCatalogApi();
    const { apis } = renderTestApp({ features: [architecturePatternsPlugin], apis: [catalogApi], isExpectedError: e => { console.log('ERR', e.code, e.message); return true; } });
    const tree = apis.get(coreApis.appTree)!.getTree().tree;
    console.log([...tree.nodes.values()].filter(n => n.spec.plugin.pluginId === 'architecture-patterns').map(n => `${n.spec.id} -> ${JSON.stringify(n.spec.attachTo)} ${n.spec.disabled}`));
  });
  it('card outputs', async () => {
    const t = createExtensionTester(architecturePatternsPlugin.getExtension('entity-card:architecture-patterns/patterns'));
    console.log(t.snapshot());
    console.log(t.get(EntityCardBlueprint.dataRefs.filterFunction), t.get(EntityCardBlueprint.dataRefs.filterExpression));
    const p = createExtensionTester(architecturePatternsPlugin.getExtension('page:architecture-patterns'));
    console.log(p.get(coreExtensionData.routePath), p.get(coreExtensionData.title));
  });
  it('card', async () => {
    const catalogApi = createCatalogApi();
    renderTestApp({ extensions: [createTestEntityPage({ entity: adopter('order-intake', ['cqrs', 'saga'], { templateVersion: '1.0.0' }) }), entityPatternsCard], apis: [catalogApi] });
    expect(await screen.findByText('Architecture patterns')).toBeInTheDocument();
    expect(await screen.findByRole('link', {name: /CQRS/i})).toBeInTheDocument();
    screen.getAllByRole('link').forEach(l => console.log(l.textContent, l.getAttribute('href')));
  });
});

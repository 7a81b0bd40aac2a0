import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { patternsPage } from './plugin';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { createCatalogApi, adopter } from '../__testUtils__/fixtures';
import { PatternCatalogPage } from '../components/PatternCatalogPage/PatternCatalogPage';

describe('spike2', () => {
  it('bare component', async () => {
    const catalogApi = createCatalogApi();
    const { apis } = renderInTestApp(<PatternCatalogPage />, { apis: [catalogApi], initialRouteEntries: ['/?level=advanced&category=event-driven'] });
    expect(await screen.findByTestId('pattern-card-event-driven-advanced')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /category/i }));
    const listbox = await screen.findByRole('listbox');
    await userEvent.click(within(listbox).getByRole('option', { name: /^Any/ }));
    await waitFor(() => expect(catalogApi.queryEntities).toHaveBeenCalledTimes(2));
    console.log(apis.get(coreApis.appHistory)!.getSnapshot().location);
  });
  it('page at mount path, navigate', async () => {
    const catalogApi = createCatalogApi();
    const tester = createExtensionTester(patternsPage, { apis: [catalogApi] });
    const { apis } = renderInTestApp(tester.reactElement(), { apis: [catalogApi], mountPath: '/patterns', initialRouteEntries: ['/patterns'], mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } });
    const card = await screen.findByTestId('pattern-card-cqrs');
    const link = within(card).getByRole('link');
    console.log(link.getAttribute('href'));
    await userEvent.click(link);
    console.log(apis.get(coreApis.appHistory)!.getSnapshot().location);
    expect(await screen.findByText('Trade-offs')).toBeInTheDocument();
    console.log(JSON.stringify(catalogApi.queryEntities.mock.calls.map(c => c[0])));
  });
});

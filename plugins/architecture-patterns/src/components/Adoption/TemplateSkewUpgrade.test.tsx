import { renderInTestApp } from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { scaffolderApiMock } from '@backstage/plugin-scaffolder-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TemplateSkewCard } from './TemplateSkewCard';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
  patternTemplate,
  testApis,
} from '../../__testUtils__/fixtures';

const THREE_TIER = 'template:default/three-tier-service';

const generated = (name: string, version: string, owner: string) =>
  adopter(name, ['three-tier'], {
    owner,
    sourceTemplate: THREE_TIER,
    templateVersion: version,
  });

const adopters = [
  generated('billing', '1.2.0', 'orders-team'),
  generated('orders-api', '1.1.0', 'orders-team'),
  generated('orders-worker', '1.1.0', 'orders-team'),
  generated('ledger', '1.1.0', 'billing-team'),
  generated('archive', '1.0.0', 'orders-team'),
];

/** Which components the permission policy lets the user upgrade. */
function permissionApiAllowing(...names: string[]) {
  const authorize = jest.fn(async ({ resourceRef }: any) => ({
    result: names.map(name => `component:default/${name}`).includes(resourceRef)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  }));
  return { authorize };
}

function renderCard(options: {
  mayUpgrade: string[];
  scaffold?: jest.Mock;
  withScaffolder?: boolean;
  adopters?: typeof adopters;
}) {
  const catalogApi = createCatalogApi({
    adopters: options.adopters ?? adopters,
    templates: [
      patternTemplate(
        'three-tier-service',
        'three-tier',
        '1.2.0',
        'Three-tier',
      ),
    ],
  });
  const scaffold =
    options.scaffold ?? jest.fn().mockResolvedValue({ taskId: 'task-42' });
  const permissionApi = permissionApiAllowing(...options.mayUpgrade);
  const { apis } = renderInTestApp(<TemplateSkewCard />, {
    apis: [
      ...testApis(catalogApi),
      [permissionApiRef, permissionApi],
      ...(options.withScaffolder === false
        ? []
        : [scaffolderApiMock.mock({ scaffold })]),
    ],
    mountedRoutes: catalogEntityRoutes,
  });
  const location = () => apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { catalogApi, scaffold, permissionApi, location };
}

const versionGroup = async (version: string) =>
  within(await screen.findByTestId(`behind-${version}`));

describe('upgrading from the template skew view', () => {
  it('offers "Upgrade" only on the components the user may upgrade', async () => {
    const { permissionApi } = renderCard({
      mayUpgrade: ['orders-api', 'orders-worker', 'archive'],
    });

    expect(
      await screen.findByRole('button', {
        name: 'Upgrade orders-api to 1.2.0',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Upgrade orders-worker to 1.2.0' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Upgrade archive to 1.2.0' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Upgrade ledger/ }),
    ).not.toBeInTheDocument();
    // up to date: nothing to upgrade
    expect(
      screen.queryByRole('button', { name: /^Upgrade billing/ }),
    ).not.toBeInTheDocument();
    expect(permissionApi.authorize).toHaveBeenCalledWith({
      permission: expect.objectContaining({
        name: 'architecture-patterns.component.upgrade',
      }),
      resourceRef: 'component:default/ledger',
    });
  });

  it('offers "Upgrade all" for a version only when the user may upgrade each of its components', async () => {
    renderCard({ mayUpgrade: ['orders-api', 'orders-worker', 'archive'] });

    const onOldest = await versionGroup('1.0.0');
    expect(
      await onOldest.findByRole('button', {
        name: 'Upgrade all on 1.0.0 to 1.2.0 (the one component)',
      }),
    ).toHaveTextContent('Upgrade all on 1.0.0');
    // ledger, on 1.1.0, belongs to another team
    const onMiddle = await versionGroup('1.1.0');
    await onMiddle.findByRole('button', { name: /^Upgrade orders-api/ });
    expect(
      onMiddle.queryByRole('button', { name: /^Upgrade all/ }),
    ).not.toBeInTheDocument();
  });

  it('shows no upgrade at all to a user who may upgrade nothing', async () => {
    const { permissionApi } = renderCard({ mayUpgrade: [] });
    expect(await screen.findByText('On 1.1.0: 3 behind')).toBeInTheDocument();
    await waitFor(() => expect(permissionApi.authorize).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: /^Upgrade/ })).toBeNull();
  });

  it('does not offer upgrades when the app has no scaffolder', async () => {
    renderCard({
      mayUpgrade: ['orders-api', 'orders-worker', 'ledger', 'archive'],
      withScaffolder: false,
    });
    expect(await screen.findByText('On 1.1.0: 3 behind')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Upgrade/ })).toBeNull();
  });

  it('says what will happen, then starts the upgrade task and opens its page', async () => {
    const { scaffold, location } = renderCard({ mayUpgrade: ['orders-api'] });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Upgrade orders-api to 1.2.0',
      }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Upgrade orders-api to 1.2.0?',
    });
    expect(dialog).toHaveAccessibleDescription(
      /upgrades orders-api from Three-tier 1\.1\.0 to 1\.2\.0\..*template-upgrade\/1\.2\.0.*Nothing is merged/,
    );
    expect(scaffold).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start upgrade' }),
    );

    expect(scaffold).toHaveBeenCalledWith({
      templateRef: 'template:default/upgrade-service',
      values: {
        components: ['component:default/orders-api'],
        targetVersion: '1.2.0',
      },
    });
    await waitFor(() =>
      expect(location().pathname).toBe('/create/tasks/task-42'),
    );
  });

  it('upgrades every component of a version, also those not listed', async () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      generated(
        `svc-${String(i + 1).padStart(2, '0')}`,
        '1.1.0',
        'orders-team',
      ),
    );
    const { scaffold, permissionApi } = renderCard({
      mayUpgrade: many.map(entity => entity.metadata.name),
      adopters: [generated('fresh', '1.2.0', 'orders-team'), ...many],
    });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Upgrade all on 1.1.0 to 1.2.0 (all 23 components)',
      }),
    );
    await userEvent.click(
      within(
        screen.getByRole('dialog', {
          name: 'Upgrade all 23 components on 1.1.0 to 1.2.0?',
        }),
      ).getByRole('button', { name: 'Start upgrade' }),
    );

    await waitFor(() => expect(scaffold).toHaveBeenCalledTimes(1));
    expect(scaffold.mock.calls[0][0]).toEqual({
      templateRef: 'template:default/upgrade-service',
      values: {
        components: many.map(
          entity => `component:default/${entity.metadata.name}`,
        ),
        targetVersion: '1.2.0',
      },
    });
    // the three beyond the list were checked before starting
    expect(permissionApi.authorize).toHaveBeenCalledWith(
      expect.objectContaining({ resourceRef: 'component:default/svc-23' }),
    );
  });

  it('refuses "Upgrade all" when a component beyond the list is not the user\'s', async () => {
    const many = Array.from({ length: 21 }, (_, i) =>
      generated(
        `svc-${String(i + 1).padStart(2, '0')}`,
        '1.1.0',
        'orders-team',
      ),
    );
    // Listed by owner: the other team's component comes last.
    many[20] = generated('zz-other', '1.1.0', 'zz-team');
    const { scaffold } = renderCard({
      mayUpgrade: many.slice(0, 20).map(entity => entity.metadata.name),
      adopters: [generated('fresh', '1.2.0', 'orders-team'), ...many],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /^Upgrade all on 1\.1\.0/ }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Start upgrade' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not start the upgrade: you may not upgrade zz-other;',
    );
    expect(scaffold).not.toHaveBeenCalled();
  });

  it('shows why the task could not start, and gives the focus back when closed', async () => {
    const scaffold = jest
      .fn()
      .mockRejectedValue(
        new Error('Template template:default/upgrade-service not found'),
      );
    const { location } = renderCard({ mayUpgrade: ['archive'], scaffold });

    const upgrade = await screen.findByRole('button', {
      name: 'Upgrade archive to 1.2.0',
    });
    await userEvent.click(upgrade);
    await userEvent.click(
      screen.getByRole('button', { name: 'Start upgrade' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not start the upgrade: Template template:default/upgrade-service not found',
    );
    expect(location().pathname).toBe('/');

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(upgrade).toHaveFocus();
  });
});

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { componentUpgradePermission } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { assertMayUpgrade } from './upgradePermission';

const grace = mockCredentials.user('user:default/grace');
const ORDERS_API = 'component:default/orders-api';

function policyAnswers(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockResolvedValue([{ result }]);
  return permissions;
}

describe('assertMayUpgrade', () => {
  it('asks the policy about the component itself, as the user', async () => {
    const permissions = policyAnswers(AuthorizeResult.ALLOW);

    await expect(
      assertMayUpgrade({
        permissions,
        credentials: grace,
        entityRef: ORDERS_API,
      }),
    ).resolves.toBeUndefined();
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: componentUpgradePermission, resourceRef: ORDERS_API }],
      { credentials: grace },
    );
  });

  it('refuses with an error that names the component and the permission', async () => {
    const permissions = policyAnswers(AuthorizeResult.DENY);

    const refused = assertMayUpgrade({
      permissions,
      credentials: grace,
      entityRef: ORDERS_API,
    });
    await expect(refused).rejects.toBeInstanceOf(NotAllowedError);
    await expect(refused).rejects.toThrow(
      'You may not upgrade component:default/orders-api: the permission policy refuses architecture-patterns.component.upgrade on it (usually only the teams owning a component may upgrade it)',
    );
  });
});

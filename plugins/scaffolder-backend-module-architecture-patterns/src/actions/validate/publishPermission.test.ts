import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { servicePublishPermission } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { checkPublishPermission } from './publishPermission';

const grace = mockCredentials.user('user:default/grace');

function policyAnswers(decision: any) {
  const permissions = mockServices.permissions.mock();
  permissions.authorizeConditional.mockResolvedValue([decision]);
  return permissions;
}

const ownersOnly = createCatalogConditionalDecision(
  servicePublishPermission,
  catalogConditions.isEntityOwner({
    claims: ['user:default/grace', 'group:default/orders-team'],
  }),
);

const check = (permissions: any, owner: string) =>
  checkPublishPermission({
    permissions,
    credentials: grace,
    owner,
    name: 'order-events',
    field: 'parameters.owner',
  });

describe('checkPublishPermission', () => {
  it("applies the policy's IS_ENTITY_OWNER condition to the entity the task would register", async () => {
    const permissions = policyAnswers(ownersOnly);

    await expect(
      check(permissions, 'group:default/orders-team'),
    ).resolves.toEqual([]);
    await expect(
      check(permissions, 'group:default/payments-team'),
    ).resolves.toEqual([
      "parameters.owner: you may not publish a service owned by group:default/payments-team; the permission policy allows you to publish only into your own groups' ownership (architecture-patterns.service.publish)",
    ]);
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [{ permission: servicePublishPermission }],
      { credentials: grace },
    );
  });

  it('follows an outright allow or deny', async () => {
    await expect(
      check(
        policyAnswers({ result: AuthorizeResult.ALLOW }),
        'group:default/payments-team',
      ),
    ).resolves.toEqual([]);
    await expect(
      check(
        policyAnswers({ result: AuthorizeResult.DENY }),
        'group:default/orders-team',
      ),
    ).resolves.toHaveLength(1);
  });
});

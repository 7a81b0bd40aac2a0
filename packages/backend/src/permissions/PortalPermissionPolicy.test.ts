import type { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  adoptionExportPermission,
  componentUpgradePermission,
  servicePublishPermission,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

const policy = new PortalPermissionPolicy(['group:default/platform-team']);

const user = (name: string, group: string): PolicyQueryUser =>
  ({
    info: {
      userEntityRef: `user:default/${name}`,
      ownershipEntityRefs: [`user:default/${name}`, `group:default/${group}`],
    },
  } as PolicyQueryUser);

const ada = user('ada', 'platform-team');
const grace = user('grace', 'orders-team');

const basic = (name: string, action?: 'read' | 'create' | 'delete') => ({
  permission: {
    type: 'basic' as const,
    name,
    attributes: action ? { action } : {},
  },
});

/** Applies a decision to an entity as the catalog would. */
const catalogAuthorizer = createConditionAuthorizer<Entity>({
  getRuleByName: name =>
    Object.values(permissionRules).find(rule => rule.name === name) as any,
});
const isAllowedOn = (decision: PolicyDecision, entity: Entity) =>
  decision.result === AuthorizeResult.ALLOW ||
  (decision.result === AuthorizeResult.CONDITIONAL &&
    catalogAuthorizer(decision, entity));

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});
const ordersApi = component('orders-api', 'group:default/orders-team');
const ledger = component('ledger', 'group:default/billing-team');

describe('PortalPermissionPolicy', () => {
  it('lets the platform team do everything', async () => {
    for (const permission of [
      adoptionExportPermission,
      servicePublishPermission,
      componentUpgradePermission,
      basic('catalog.entity.delete', 'delete').permission,
    ]) {
      await expect(policy.handle({ permission }, ada)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('refuses others the adoption export and deleting catalog data', async () => {
    for (const permission of [
      adoptionExportPermission,
      basic('catalog.entity.delete', 'delete').permission,
      basic('catalog.location.delete', 'delete').permission,
    ]) {
      await expect(policy.handle({ permission }, grace)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('lets others browse, use the guides and run templates', async () => {
    for (const name of [
      'catalog.entity.read',
      'scaffolder.task.create',
      'scaffolder.action.execute',
      'catalog.location.create',
    ]) {
      await expect(policy.handle(basic(name), grace)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it("lets others publish only into their own groups' ownership", async () => {
    await expect(
      policy.handle({ permission: servicePublishPermission }, grace),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/grace', 'group:default/orders-team'],
        },
      },
    });
  });

  describe('upgrading a component to a newer template version', () => {
    const upgrade = (who: PolicyQueryUser) =>
      policy.handle({ permission: componentUpgradePermission }, who);

    it('is allowed to the owning team', async () => {
      expect(isAllowedOn(await upgrade(grace), ordersApi)).toBe(true);
    });

    it("is denied on another team's component", async () => {
      expect(isAllowedOn(await upgrade(grace), ledger)).toBe(false);
    });

    it('is allowed to the platform team on any component', async () => {
      await expect(upgrade(ada)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(isAllowedOn(await upgrade(ada), ledger)).toBe(true);
    });

    it("is conditional on the catalog's IS_ENTITY_OWNER rule", async () => {
      await expect(upgrade(grace)).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/grace', 'group:default/orders-team'],
          },
        },
      });
    });
  });
});

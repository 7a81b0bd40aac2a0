import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  adoptionExportPermission,
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

describe('PortalPermissionPolicy', () => {
  it('lets the platform team do everything', async () => {
    for (const permission of [
      adoptionExportPermission,
      servicePublishPermission,
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
});

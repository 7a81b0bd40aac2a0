import fs from 'fs-extra';
import path from 'path';
import { parse } from 'yaml';
import { mockCredentials } from '@backstage/backend-test-utils';
import { startPortalTestBackend } from '../__testUtils__/portalTestBackend';
import { TEMPLATES_DIR } from '../__testUtils__/templateFiles';

/*
 * The scaffolder contract, driven through the real scaffolder and catalog in
 * one backend, the way a script, a CLI or an agent calls the templates: the
 * REST task API and the MCP endpoint. Whatever the caller leaves out gets the
 * template's defaults; whatever is wrong is refused by the first step,
 * naming the field, before anything exists: no repository, no catalog
 * location, no entity, no file in the publishing folder.
 */

const TEMPLATES = [
  'three-tier-service',
  'event-driven-service',
  'active-active-service',
  'multi-tenant-saas-service',
] as const;
type TemplateName = (typeof TEMPLATES)[number];

/** Values each template needs beyond name and owner: none have defaults. */
const OWN_REQUIRED: Record<TemplateName, Record<string, unknown>> = {
  'three-tier-service': {},
  'event-driven-service': {},
  'active-active-service': {
    domainName: 'stock.api.example.com',
    hostedZoneName: 'example.com',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  },
  'multi-tenant-saas-service': {},
};

type Values = Record<string, unknown>;
type BadCase = [
  label: string,
  template: TemplateName,
  values: Values,
  field: string,
];

/** Owner values in every malformed shape, each refused for every template. */
const BAD_OWNERS: Array<[string, unknown]> = [
  ['empty owner', ''],
  ['blank owner', '   '],
  ['owner group that does not exist', 'group:default/does-not-exist'],
  ['owner user that does not exist', 'user:default/nobody'],
  ['owner that climbs out', 'user:../../etc'],
  ['owner that is not a ref', 'not a ref at all'],
  ['owner that is a system', 'system:default/checkout'],
  ['owner that is a component', 'component:default/storefront'],
  ['owner in a namespace that does not exist', 'group:elsewhere/platform-team'],
  ['owner with template syntax', '${{ user.ref }}'],
];

/** System values that name no System, refused for every template. */
const BAD_SYSTEMS: Array<[string, unknown]> = [
  ['system that does not exist', 'system:default/does-not-exist'],
  ['group given as system', 'group:default/platform-team'],
  ['system that is not a ref', 'checkout system'],
];

/** Names a new service may not take, refused for every template. */
const TAKEN_NAMES: Array<[string, string]> = [
  ['name of an existing component', 'storefront'],
  ['name of an existing API', 'payments-gateway'],
  ['name of an existing resource', 'orders-database'],
  ['name of an existing local repository', 'left-over-repo'],
];

function badCases(): BadCase[] {
  const cases: BadCase[] = [];
  for (const template of TEMPLATES) {
    for (const [label, owner] of BAD_OWNERS) {
      cases.push([label, template, { owner }, 'owner']);
    }
    for (const [label, system] of BAD_SYSTEMS) {
      cases.push([label, template, { system }, 'system']);
    }
    for (const [label, name] of TAKEN_NAMES) {
      cases.push([label, template, { name }, 'name']);
    }
    cases.push(
      ['name that climbs out', template, { name: '../escape' }, 'name'],
      ['name in capitals', template, { name: 'Orders' }, 'name'],
      ['name that is a number', template, { name: 42 }, 'name'],
      [
        'misspelt parameter',
        template,
        { ownr: 'group:default/orders-team' },
        'ownr',
      ],
      [
        'description with template syntax',
        template,
        { description: '${{ secrets.backstageToken }}' },
        'description',
      ],
      [
        'description that is not a string',
        template,
        { description: ['a'] },
        'description',
      ],
      [
        'context over 500 characters',
        template,
        { context: 'x'.repeat(501) },
        'context',
      ],
      [
        'unknown publish target',
        template,
        { publishTarget: 'gitlab' },
        'publishTarget',
      ],
      [
        'GitHub without a repository location',
        template,
        { publishTarget: 'github' },
        'repoUrl',
      ],
    );
  }
  cases.push(
    // Template-specific types, ranges and cross-field rules.
    [
      'attempts that are text',
      'event-driven-service',
      { maxReceiveCount: 'five' },
      'maxReceiveCount',
    ],
    [
      'attempts above the maximum',
      'event-driven-service',
      { maxReceiveCount: 11 },
      'maxReceiveCount',
    ],
    [
      'attempts of zero',
      'event-driven-service',
      { maxReceiveCount: 0 },
      'maxReceiveCount',
    ],
    [
      'unknown queue type',
      'event-driven-service',
      { queueType: 'kafka' },
      'queueType',
    ],
    [
      'fan-out given as text',
      'event-driven-service',
      { enableFanOut: 'yes' },
      'enableFanOut',
    ],
    [
      'web minimum above maximum',
      'three-tier-service',
      { webMinCapacity: 6, webMaxCapacity: 2 },
      'webMinCapacity',
    ],
    [
      'app minimum above maximum',
      'three-tier-service',
      { appMinCapacity: 9, appMaxCapacity: 3 },
      'appMinCapacity',
    ],
    [
      'web capacity that is fractional',
      'three-tier-service',
      { webMinCapacity: 1.5 },
      'webMinCapacity',
    ],
    [
      'unknown database engine',
      'three-tier-service',
      { databaseEngine: 'oracle' },
      'databaseEngine',
    ],
    [
      'unknown region',
      'three-tier-service',
      { region: 'mars-north-1' },
      'region',
    ],
    [
      'the same region twice',
      'active-active-service',
      { primaryRegion: 'eu-west-1', secondaryRegion: 'eu-west-1' },
      'secondaryRegion',
    ],
    [
      'domain outside its hosted zone',
      'active-active-service',
      { domainName: 'api.example.org' },
      'domainName',
    ],
    [
      'hosted zone id of the wrong shape',
      'active-active-service',
      { hostedZoneId: 'zone-1' },
      'hostedZoneId',
    ],
    [
      'missing domain name',
      'active-active-service',
      { domainName: undefined },
      'domainName',
    ],
    [
      'full load above the maximum',
      'active-active-service',
      { fullLoadRequestsPerSecond: 10001 },
      'fullLoadRequestsPerSecond',
    ],
    [
      'unknown routing policy',
      'active-active-service',
      { routingPolicy: 'geo' },
      'routingPolicy',
    ],
    [
      'silo with more than ten tenants',
      'multi-tenant-saas-service',
      {
        isolationModel: 'silo',
        tenants: Array.from({ length: 11 }, (_, i) => `tenant-${i}`),
      },
      'tenants',
    ],
    [
      'tenants given as text',
      'multi-tenant-saas-service',
      { tenants: 'acme' },
      'tenants',
    ],
    ['no tenants', 'multi-tenant-saas-service', { tenants: [] }, 'tenants'],
    [
      'the same tenant twice',
      'multi-tenant-saas-service',
      { tenants: ['acme', 'acme'] },
      'tenants',
    ],
    [
      'tenant id in capitals',
      'multi-tenant-saas-service',
      { tenants: ['Acme'] },
      'tenants',
    ],
    [
      'unknown isolation model',
      'multi-tenant-saas-service',
      { isolationModel: 'shared' },
      'isolationModel',
    ],
  );
  return cases;
}

describe('the scaffolder contract, for every caller', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;

  beforeAll(async () => {
    portal = await startPortalTestBackend({ mcp: true });
    await portal.waitForEntities([
      ...TEMPLATES.map(t => `template/default/${t}`),
      'architecturepattern/default/multi-tenant-saas',
      'api/default/payments-gateway',
      'resource/default/orders-database',
      'component/default/storefront',
      'group/default/orders-team',
      'group/default/payments-team',
      'system/default/checkout',
    ]);
    // A repository left in the publishing folder, with no entity.
    await fs.ensureDir(path.join(portal.publishDir, 'left-over-repo'));
  }, 300_000);

  afterAll(async () => {
    await portal?.stop();
  }, 120_000);

  async function validValues(template: TemplateName): Promise<Values> {
    return parse(
      await fs.readFile(
        path.join(TEMPLATES_DIR, template, 'fixtures/values.yaml'),
        'utf8',
      ),
    );
  }

  async function waitForTask(id: string) {
    const task = await portal.waitFor(
      `task ${id} to finish`,
      async () => {
        const { body } = await portal.api(
          'GET',
          `/api/scaffolder/v2/tasks/${id}`,
        );
        return ['completed', 'failed', 'cancelled'].includes(body.status)
          ? body
          : undefined;
      },
      120_000,
    );
    const { body: events } = await portal.api(
      'GET',
      `/api/scaffolder/v2/tasks/${id}/events`,
    );
    const log = (
      events as Array<{ type: string; body: Record<string, any> }>
    ).filter(e => e.type === 'log');
    const startedSteps = [
      ...new Set(
        log
          .filter(e => e.body.status === 'processing')
          .map(e => e.body.stepId as string),
      ),
    ];
    const completion = (
      events as Array<{ type: string; body: Record<string, any> }>
    ).find(e => e.type === 'completion');
    return {
      status: task.status as string,
      startedSteps,
      message: String(completion?.body.message ?? ''),
      log: log.map(e => String(e.body.message)).join('\n'),
    };
  }

  async function startTask(template: TemplateName, values: Values) {
    return portal.api('POST', '/api/scaffolder/v2/tasks', {
      templateRef: `template:default/${template}`,
      values,
    });
  }

  async function catalogState() {
    const { body: locations } = await portal.api(
      'GET',
      '/api/catalog/locations',
    );
    const { body: components } = await portal.api(
      'GET',
      '/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name,metadata.annotations&limit=1000',
    );
    return {
      locations: (locations as unknown[]).length,
      components: (
        components.items as Array<{
          metadata: { name: string; annotations?: Record<string, string> };
        }>
      )
        .map(
          c =>
            `${c.metadata.name} ${c.metadata.annotations?.['backstage.io/managed-by-location']}`,
        )
        .sort(),
      published: (await fs.readdir(portal.publishDir)).sort(),
    };
  }

  describe('refuses bad input before any side effect, naming the field', () => {
    const cases = badCases();

    it('covers at least 60 bad inputs across the four templates', () => {
      expect(cases.length).toBeGreaterThanOrEqual(60);
      for (const template of TEMPLATES) {
        expect(
          cases.filter(c => c[1] === template).length,
        ).toBeGreaterThanOrEqual(20);
      }
    });

    it.each(cases)(
      '%s (%s)',
      async (_label, template, override, field) => {
        const before = await catalogState();
        const values: Values = {
          ...(await validValues(template)),
          name: `bad-${template}`,
          ...override,
        };
        for (const [key, value] of Object.entries(override)) {
          if (value === undefined) delete values[key];
        }
        const created = await startTask(template, values);
        // Either the scaffolder's own schema check refuses the request, or
        // the task fails at its first step: nothing rendered, written or
        // published.
        const task =
          created.status === 201
            ? await waitForTask(created.body.id)
            : undefined;
        const outcome = task
          ? `task ${task.status} after steps ${task.startedSteps.join(', ')}`
          : `request refused with ${created.status}`;
        expect([
          'task failed after steps validate',
          'request refused with 400',
        ]).toContain(outcome);
        const refusal = task ? task.log : JSON.stringify(created.body);
        expect(refusal).toContain(field);
        expect(await catalogState()).toEqual(before);
      },
      60_000,
    );
  });

  describe('completes what the caller leaves out with the template defaults', () => {
    it.each(TEMPLATES)(
      '%s from the task API with only its required values',
      async template => {
        const name = `api-${template}`.slice(0, 40);
        const created = await startTask(template, {
          name,
          owner: 'orders-team',
          ...OWN_REQUIRED[template],
        });
        expect(created.status).toBe(201);
        const task = await waitForTask(created.body.id);
        expect({ status: task.status, log: task.log }).toEqual({
          status: 'completed',
          log: expect.any(String),
        });
        expect(task.log).toMatch(/The catalog registered component:default\//);
        await expectRegisteredWithDefaults(template, name);
      },
      180_000,
    );

    it.each(TEMPLATES)(
      '%s from the MCP endpoint with only its required values',
      async template => {
        const name = `mcp-${template}`.slice(0, 40);
        const tools = await mcp('tools/list', {});
        const execute = (tools.result.tools as Array<{ name: string }>).find(
          t => /execute-template$/.test(t.name),
        );
        expect(execute).toBeDefined();
        const called = await mcp('tools/call', {
          name: execute!.name,
          arguments: {
            templateRef: `template:default/${template}`,
            values: {
              name,
              owner: 'group:default/orders-team',
              ...OWN_REQUIRED[template],
            },
          },
        });
        expect(called.result.isError).toBeFalsy();
        const { taskId } = JSON.parse(called.result.content[0].text);
        const task = await waitForTask(taskId);
        expect({ status: task.status, log: task.log }).toEqual({
          status: 'completed',
          log: expect.any(String),
        });
        await expectRegisteredWithDefaults(template, name);
      },
      180_000,
    );

    async function expectRegisteredWithDefaults(
      template: TemplateName,
      name: string,
    ) {
      // The task completes only once the entity is registered: no waiting here.
      const { status, body: entity } = await portal.api(
        'GET',
        `/api/catalog/entities/by-name/component/default/${name}`,
      );
      expect(status).toBe(200);
      const templateYaml = parse(
        await fs.readFile(
          path.join(TEMPLATES_DIR, template, 'template.yaml'),
          'utf8',
        ),
      );
      const identity = templateYaml.spec.parameters[0].properties;
      expect(entity.metadata.description).toBe(identity.description.default);
      expect(entity.spec.owner).toBe('group:default/orders-team');
      expect(entity.spec.system).toBeUndefined();
      const adr = await fs.readdir(
        path.join(portal.publishDir, name, 'docs/adr'),
      );
      const record = await fs.readFile(
        path.join(portal.publishDir, name, 'docs/adr', adr[0]),
        'utf8',
      );
      expect(record).toContain(identity.context.default);
      expect(record).toContain('user:default/mock');
      expect(record).not.toMatch(/unknown/i);
    }
  });

  it('carries a guide hand-off into the decision record', async () => {
    const answers = {
      team: 'small-team',
      'starting-point': 'greenfield',
      'caller-waits': 'must-wait',
      consistency: 'single-transaction',
      'data-sensitivity': 'regulated',
    };
    const created = await startTask('three-tier-service', {
      name: 'guided-shop',
      owner: 'group:default/orders-team',
      decisionGuide: 'service-architecture',
      decisionGuideAnswers: answers,
    });
    const task = await waitForTask(created.body.id);
    expect({ status: task.status, log: task.log }).toEqual({
      status: 'completed',
      log: expect.any(String),
    });
    const record = await fs.readFile(
      path.join(
        portal.publishDir,
        'guided-shop/docs/adr/0001-use-three-tier.md',
      ),
      'utf8',
    );
    expect(record).toContain('## Decision Guide');
    expect(record).toContain('Answers given to the guide');
    expect(record).toContain('### Runner-up');
  }, 180_000);

  it('normalises a short owner and system to full refs', async () => {
    const values = {
      ...(await validValues('event-driven-service')),
      name: 'short-refs',
      owner: 'payments-team',
      system: 'checkout',
    };
    const task = await waitForTask(
      (
        await startTask('event-driven-service', values)
      ).body.id,
    );
    expect({ status: task.status, log: task.log }).toEqual({
      status: 'completed',
      log: expect.any(String),
    });
    const { body } = await portal.api(
      'GET',
      '/api/catalog/entities/by-name/component/default/short-refs',
    );
    expect(body.spec).toMatchObject({
      owner: 'group:default/payments-team',
      system: 'system:default/checkout',
    });
  }, 180_000);

  it('publishes one repository and one entity when two tasks take the same name at once', async () => {
    const values = {
      ...(await validValues('event-driven-service')),
      name: 'twin-service',
    };
    const [first, second] = await Promise.all([
      startTask('event-driven-service', values),
      startTask('event-driven-service', values),
    ]);
    const tasks = await Promise.all([
      waitForTask(first.body.id),
      waitForTask(second.body.id),
    ]);
    const outcomes = tasks.map(t => t.status).sort();
    expect(outcomes).toEqual(['completed', 'failed']);
    const failed = tasks.find(t => t.status === 'failed')!;
    expect(failed.log).toContain('repoName: a repository named "twin-service"');
    const published = (await fs.readdir(portal.publishDir)).filter(f =>
      f.includes('twin-service'),
    );
    expect(published).toEqual(['twin-service']);
    const { body } = await portal.api(
      'GET',
      '/api/catalog/entities/by-query?filter=kind=component,metadata.name=twin-service',
    );
    expect(body.items).toHaveLength(1);
  }, 240_000);

  it('refuses, before publishing, an entity the catalog would reject', async () => {
    // A template whose rendered entity names a pattern the catalog lacks.
    const result = await portal.api('POST', '/api/scaffolder/v2/dry-run', {
      template: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'rejected-entity' },
        spec: {
          type: 'service',
          owner: 'group:default/platform-team',
          parameters: [],
          steps: [
            {
              id: 'render',
              action: 'fetch:plain',
              input: { url: './content' },
            },
            {
              id: 'check-entity',
              action: 'architecture:catalog-info:validate',
            },
          ],
        },
      },
      values: {},
      directoryContents: [
        {
          path: 'content/catalog-info.yaml',
          base64Content: Buffer.from(
            [
              'apiVersion: backstage.io/v1alpha1',
              'kind: Component',
              'metadata:',
              '  name: rejected',
              '  description:',
              '  annotations:',
              '    architecture.platform.dev/implements-patterns: no-such-pattern',
              'spec: { type: service, lifecycle: experimental, owner: group:default/orders-team }',
            ].join('\n'),
          ).toString('base64'),
        },
      ],
    });
    const log = JSON.stringify(result.body);
    expect(log).toContain('The catalog would reject the generated entities');
    expect(log).toContain('/metadata/description');
  }, 60_000);

  async function mcp(method: string, params: unknown) {
    const response = await fetch(`${portal.baseUrl}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const text = await response.text();
    const data = text.startsWith('{')
      ? text
      : text
          .split('\n')
          .filter(line => line.startsWith('data: '))
          .map(line => line.slice(6))
          .join('');
    return JSON.parse(data);
  }
});

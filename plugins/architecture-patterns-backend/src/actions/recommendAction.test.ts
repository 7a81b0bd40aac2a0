import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity, CompoundEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { registerRecommendAction } from './recommendAction';

const GUIDES_DIR = path.resolve(
  __dirname,
  '../../../architecture-patterns-common/library/guides',
);
const guides = new Map<string, Entity>(
  fs
    .readdirSync(GUIDES_DIR)
    .filter(file => file.endsWith('.yaml'))
    .map(file => {
      const entity = parse(
        fs.readFileSync(path.join(GUIDES_DIR, file), 'utf8'),
      ) as Entity;
      return [entity.metadata.name, entity];
    }),
);

function setup() {
  const catalog = {
    getEntityByRef: jest.fn(async (ref: CompoundEntityRef) =>
      ref.kind === 'DecisionGuide' ? guides.get(ref.name) : undefined,
    ),
  } as unknown as CatalogService;
  const registry = actionsRegistryServiceMock({
    logger: mockServices.logger.mock(),
  });
  registerRecommendAction({ actionsRegistry: registry, catalog });
  const invoke = (input: Record<string, unknown>) =>
    registry.invoke({ id: 'test:recommend-architecture', input: input as any });
  return { registry, invoke };
}

describe('recommend-architecture action', () => {
  it('is registered read-only and idempotent', async () => {
    const { registry } = setup();
    const { actions } = await registry.list();
    expect(actions).toEqual([
      expect.objectContaining({
        name: 'recommend-architecture',
        attributes: expect.objectContaining({
          readOnly: true,
          idempotent: true,
          destructive: false,
        }),
      }),
    ]);
  });

  it('gives the same answer as the portal: a monolith for a three-person team', async () => {
    const { invoke } = setup();
    const { output } = await invoke({
      guide: 'service-architecture',
      answers: {
        team: 'small-team',
        'starting-point': 'greenfield',
        scaling: 'uniform',
        'caller-waits': 'must-wait',
        consistency: 'single-transaction',
      },
    });
    expect(output).toMatchObject({
      recommended: { outcome: 'monolith', pattern: 'monolith-vs-microservice' },
      runnerUp: { outcome: 'three-tier' },
    });
    expect((output as any).tradeOff).toMatch(
      /^This gives .+ at the cost of .+; chosen because .+\.$/,
    );
    expect((output as any).reasons).toHaveLength(5);
  });

  it('lists the open questions with their answer ids', async () => {
    const { invoke } = setup();
    const { output } = await invoke({
      guide: 'disaster-recovery',
      answers: {},
    });
    const unanswered = (output as any).unanswered as Array<{
      id: string;
      answers: Array<{ id: string }>;
    }>;
    expect(unanswered.map(q => q.id)).toContain('rpo');
    expect(unanswered.every(q => q.answers.length >= 2)).toBe(true);
  });

  it('hands over template values for the recommended template', async () => {
    const { invoke } = setup();
    const { output } = await invoke({
      guide: 'messaging-streaming',
      answers: {
        ordering: 'per-entity',
        duplicates: 'must-not-repeat',
        consumers: 'one',
      },
    });
    expect(output).toMatchObject({
      recommended: { outcome: 'sqs-fifo', template: 'event-driven-service' },
      templateValues: { queueType: 'fifo' },
    });
  });

  it.each([
    [
      { guide: 'service-architecture', answers: { 'team-size': 'small-team' } },
      /answers\.team-size/,
    ],
    [
      { guide: 'service-architecture', answers: { team: 'huge' } },
      /answers\.team: "huge" is not an answer/,
    ],
    [
      { guide: 'no-such-guide', answers: {} },
      /guide: no decision guide named "no-such-guide"/,
    ],
    [{ guide: '../etc', answers: {} }, /guide/],
    [{ answers: {} }, /guide/],
  ])('rejects %j with an error naming the field', async (input, message) => {
    const { invoke } = setup();
    await expect(invoke(input)).rejects.toThrow(message);
  });
});

import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  recommend,
  type DecisionGuideEntity,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
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
  const catalog = catalogServiceMock({ entities: [...guides.values()] });
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

  it('names the answer that ruled each option out, as the page does', async () => {
    const { invoke } = setup();
    const answers = { rpo: 'minutes', rto: 'hours' };
    const { output } = await invoke({ guide: 'disaster-recovery', answers });
    expect(output).toMatchObject({
      status: 'recommended',
      recommended: { outcome: 'pilot-light' },
      ruledOut: [
        {
          outcome: 'backup-restore',
          by: [{ questionId: 'rpo', answerId: 'minutes', rule: 'excludes' }],
        },
      ],
    });
  });

  it('returns a conflict, how it reads and what resolves it, and recommends nothing', async () => {
    const { invoke } = setup();
    const answers = { 'setup-time': 'days', 'data-residency': 'private-path' };
    const { output } = (await invoke({
      guide: 'hybrid-connectivity',
      answers,
    })) as { output: any };
    expect(output.status).toBe('conflict');
    expect(output.recommended).toBeUndefined();
    expect(output.templateValues).toEqual({});
    expect(output.conflict.reads).toHaveLength(1);
    expect(
      output.conflict.resolutions.map(
        (r: any) => `${r.questionId}=${r.answerId}`,
      ),
    ).toEqual(['setup-time=weeks', 'data-residency=in-region']);
    expect(output.ruledOut.map((r: any) => r.outcome)).toEqual([
      'site-to-site-vpn',
      'direct-connect',
      'outposts',
    ]);
  });

  it('returns a tie with the answers that would separate it, and recommends nothing', async () => {
    const { invoke } = setup();
    const { output } = (await invoke({
      guide: 'service-architecture',
      answers: { 'starting-point': 'greenfield' },
    })) as { output: any };
    expect(output.status).toBe('tie');
    expect(output.recommended).toBeUndefined();
    expect(output.tie.outcomes.map((o: any) => o.outcome)).toEqual([
      'monolith',
      'three-tier',
    ]);
    expect(output.tie.separators).toContainEqual(
      expect.objectContaining({
        questionId: 'data-sensitivity',
        answerId: 'regulated',
        favours: 'three-tier',
      }),
    );
  });

  it.each([
    ['disaster-recovery', { rpo: 'minutes', rto: 'hours', budget: 'minimal' }],
    ['tenant-isolation', { regulation: 'dedicated-infrastructure' }],
    ['service-architecture', { 'starting-point': 'greenfield' }],
    ['messaging-streaming', { consumers: 'several', ordering: 'per-entity' }],
  ])(
    '%s: carries every part of the engine result for %j',
    async (name, answers) => {
      const { invoke } = setup();
      const { output } = (await invoke({ guide: name, answers })) as {
        output: any;
      };
      const result = recommend(
        guides.get(name) as DecisionGuideEntity,
        answers as Record<string, string>,
      );
      expect(output.status).toBe(result.status);
      expect(output.recommended?.outcome).toBe(result.recommended?.id);
      expect(output.runnerUp?.outcome).toBe(result.runnerUp?.id);
      expect(output.tie?.outcomes.map((o: any) => o.outcome)).toEqual(
        result.tie?.outcomes.map(o => o.id),
      );
      expect(output.tie?.separators.length).toBe(result.tie?.separators.length);
      expect(output.conflict?.reads).toEqual(result.conflict?.reads);
      expect(output.conflict?.resolutions.length).toBe(
        result.conflict?.resolutions.length,
      );
      expect(
        output.ruledOut.map((r: any) => [
          r.outcome,
          r.by.map((b: any) => b.answerId),
        ]),
      ).toEqual(
        result.ruledOut.map(r => [r.outcome, r.by.map(b => b.answerId)]),
      );
      expect(output.tradeOff).toBe(result.tradeOff);
    },
  );

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
      /guide: no decision guide named "no-such-guide"; the guides are .*service-architecture/,
    ],
    [{ guide: '../etc', answers: {} }, /guide/],
    [{ answers: {} }, /guide/],
  ])('rejects %j with an error naming the field', async (input, message) => {
    const { invoke } = setup();
    await expect(invoke(input)).rejects.toThrow(message);
  });
});

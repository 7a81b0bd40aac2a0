import fs from 'fs-extra';
import path from 'path';
import { parse } from 'yaml';
import { InputError } from '@backstage/errors';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  createMockActionContext,
  MockActionContextOptions,
} from '../../__testUtils__/mockActionContext';
import {
  createPatternCatalog,
  loadLibraryGuides,
  loadLibraryPatterns,
} from '../../__testUtils__/fixtures';
import { createWriteDecisionRecordAction } from './writeDecisionRecord';

const patterns = new Map(loadLibraryPatterns().map(p => [p.metadata.name, p]));
const title = (name: string) => patterns.get(name)!.metadata.title;

const INPUT = {
  pattern: 'event-driven-basic',
  serviceName: 'order-intake',
  context: 'Order intake must absorb flash-sale peaks without losing orders.',
  because: 'callers only need an acknowledgement and can poll for the result',
};

describe('architecture:decision-record:write', () => {
  let catalog: ReturnType<typeof createPatternCatalog>;
  let action: ReturnType<typeof createWriteDecisionRecordAction>;

  beforeEach(() => {
    catalog = createPatternCatalog();
    action = createWriteDecisionRecordAction({
      catalog,
      appBaseUrl: 'https://portal.example.com',
      patternsPath: '/architecture',
    });
  });

  async function write(
    input: Record<string, unknown>,
    options: Omit<MockActionContextOptions, 'input'> = {},
  ) {
    const ctx = createMockActionContext({ input: input as any, ...options });
    await action.handler(ctx);
    return ctx;
  }

  const read = (ctx: { workspacePath: string }, file: string) =>
    fs.readFileSync(path.join(ctx.workspacePath, file), 'utf8');

  /** The lines of one `## ` section, without blank lines. */
  const section = (markdown: string, heading: string) =>
    markdown
      .split(`\n## ${heading}\n`)[1]
      .split('\n## ')[0]
      .split('\n')
      .filter(Boolean);

  describe('with the default file', () => {
    const now = new Date('2025-03-04T23:30:00Z');
    beforeEach(() => {
      // Fake only the clock: file system callbacks still need real timers.
      jest.useFakeTimers({
        now,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it("writes docs/adr/0001-use-<pattern>.md and outputs its path and the pattern's page under the configured path", async () => {
      const ctx = await write(INPUT);

      expect(ctx.outputs).toEqual({
        path: 'docs/adr/0001-use-event-driven-basic.md',
        patternUrl:
          'https://portal.example.com/architecture/event-driven-basic',
        patternPath: '/architecture/event-driven-basic',
      });
      expect(fs.readdirSync(path.join(ctx.workspacePath, 'docs/adr'))).toEqual([
        '0001-use-event-driven-basic.md',
      ]);
    });

    it('writes a MADR record with status and date front matter', async () => {
      const markdown = read(
        await write(INPUT),
        'docs/adr/0001-use-event-driven-basic.md',
      );

      const [, front, body] = markdown.split(/^---$/m);
      expect(parse(front)).toEqual({
        status: 'accepted',
        date: '2025-03-04',
        'decision-makers': 'Jane Doe (user:default/jane.doe)',
      });
      expect(body.trimStart().split('\n')[0]).toBe(
        '# Use Event-driven architecture (basic) for order-intake',
      );
      expect(
        markdown.split('\n').filter(line => /^#{1,2} /.test(line)),
      ).toEqual([
        '# Use Event-driven architecture (basic) for order-intake',
        '## Context and Problem Statement',
        '## Decision Drivers',
        '## Considered Options',
        '## Decision Outcome',
        '## Pros and Cons of the Options',
        '## More Information',
      ]);
    });

    it('states the context and the drivers from when to use the pattern', async () => {
      const markdown = read(
        await write(INPUT),
        'docs/adr/0001-use-event-driven-basic.md',
      );

      expect(section(markdown, 'Context and Problem Statement')).toEqual([
        INPUT.context,
      ]);
      expect(section(markdown, 'Decision Drivers')).toEqual(
        patterns
          .get('event-driven-basic')!
          .spec.whenToUse.map(text => `- ${text.replace(/\.$/, '')}`),
      );
    });

    it('considers the pattern and its first two adoptable related patterns', async () => {
      const markdown = read(
        await write(INPUT),
        'docs/adr/0001-use-event-driven-basic.md',
      );

      // The first related pattern is a comparison, not an option.
      const [comparison, first, second] =
        patterns.get('event-driven-basic')!.spec.relatedPatterns;
      expect(comparison).toBe('microservice-vs-event-driven');
      expect(section(markdown, 'Considered Options')).toEqual([
        `- ${title('event-driven-basic')}`,
        `- ${title(first)}`,
        `- ${title(second)}`,
      ]);
      expect(
        section(markdown, 'Pros and Cons of the Options').filter(l =>
          l.startsWith('### '),
        ),
      ).toEqual([
        `### ${title('event-driven-basic')}`,
        `### ${title(first)}`,
        `### ${title(second)}`,
      ]);
    });

    it('gives the chosen option with its trade-off and reason, and the consequences', async () => {
      const markdown = read(
        await write(INPUT),
        'docs/adr/0001-use-event-driven-basic.md',
      );
      const outcome = section(markdown, 'Decision Outcome');

      expect(outcome[0]).toBe(
        'Chosen option: "Event-driven architecture (basic)", because callers only need an acknowledgement and can poll for the result. What it gives: Fast acknowledgement and protection from traffic bursts. What it costs: Results arrive later, so clients must poll for status or be notified.',
      );
      expect(outcome[1]).toBe('### Consequences');
      const spec = patterns.get('event-driven-basic')!.spec;
      expect(outcome.slice(2)).toHaveLength(
        spec.benefits.length + spec.tradeOffs.length,
      );
      expect(outcome).toContain(
        '- Good: A processor outage delays work rather than losing it or failing client requests.',
      );
      expect(outcome).toContain(
        '- Bad: At-least-once delivery, which forces idempotent handlers.',
      );
    });

    it('lists pros and cons of each option and links the pattern page', async () => {
      const markdown = read(
        await write(INPUT),
        'docs/adr/0001-use-event-driven-basic.md',
      );

      expect(markdown).toContain(
        '- Good: Fast acknowledgement and protection from traffic bursts.\n',
      );
      expect(markdown).toContain(
        '- Bad: Results arrive later, so clients must poll for status or be notified.\n',
      );
      expect(section(markdown, 'More Information')).toEqual([
        '- [Event-driven architecture (basic) in the pattern catalog](https://portal.example.com/architecture/event-driven-basic)',
      ]);
    });
  });

  it('looks the patterns up with the credentials of the user who ran the template', async () => {
    const credentials = mockCredentials.user('user:default/jane.doe');
    const ctx = await write(INPUT, { credentials });

    expect(ctx.getInitiatorCredentials).toHaveBeenCalled();
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      {
        kind: 'ArchitecturePattern',
        namespace: 'default',
        name: 'event-driven-basic',
      },
      { credentials },
    );
    // The pattern, then each related pattern as a possible alternative.
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(
      1 + patterns.get('event-driven-basic')!.spec.relatedPatterns.length,
    );
  });

  it('weighs the given alternatives instead, skipping ones the catalog lacks', async () => {
    const ctx = await write({
      ...INPUT,
      alternatives: ['saga', 'no-such-pattern', 'cqrs'],
      deciders: ['jane.doe', 'Platform Team'],
    });
    const markdown = read(ctx, 'docs/adr/0001-use-event-driven-basic.md');

    expect(section(markdown, 'Considered Options')).toEqual([
      `- ${title('event-driven-basic')}`,
      `- ${title('saga')}`,
      `- ${title('cqrs')}`,
    ]);
    expect(parse(markdown.split(/^---$/m)[1])['decision-makers']).toBe(
      'jane.doe, Platform Team',
    );
  });

  it('writes to targetPath', async () => {
    const ctx = await write({
      ...INPUT,
      targetPath: 'docs/decisions/0007-queue.md',
    });

    expect(ctx.outputs).toMatchObject({
      path: 'docs/decisions/0007-queue.md',
    });
    expect(read(ctx, 'docs/decisions/0007-queue.md')).toMatch(
      /^---\nstatus: accepted\n/,
    );
    expect(fs.existsSync(path.join(ctx.workspacePath, 'docs/adr'))).toBe(false);
  });

  it('fails on an unknown pattern, naming the field, without writing', async () => {
    const ctx = createMockActionContext({
      input: { ...INPUT, pattern: 'space-elevator' },
    });
    const error = await action.handler(ctx).catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^pattern: /);
    expect(error.message).toContain('"space-elevator"');
    expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('does not take an entity of another kind for a pattern', async () => {
    catalog = createPatternCatalog();
    jest.mocked(catalog.getEntityByRef).mockResolvedValueOnce({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'event-driven-basic' },
    });
    action = createWriteDecisionRecordAction({
      catalog,
      appBaseUrl: 'http://x',
      patternsPath: '/patterns',
    });

    await expect(write(INPUT)).rejects.toThrow(InputError);
  });

  it.each([
    '../outside.md',
    '/etc/adr.md',
    'docs/../../outside.md',
    '~/adr.md',
    'docs\\adr.md',
  ])('refuses targetPath %j before writing anything', async targetPath => {
    const ctx = createMockActionContext({ input: { ...INPUT, targetPath } });
    const error = await action.handler(ctx).catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('targetPath');
    expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
    expect(
      fs.existsSync(path.resolve(ctx.workspacePath, '../outside.md')),
    ).toBe(false);
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('declares its inputs', () => {
    const schema = action.schema?.input as any;
    expect(action.supportsDryRun).toBe(true);
    expect(schema.required).toEqual([
      'pattern',
      'serviceName',
      'context',
      'because',
    ]);
    expect(new RegExp(schema.properties.pattern.pattern).test('../x')).toBe(
      false,
    );
  });

  describe('with the answers of a decision guide', () => {
    const DR_INPUT = {
      ...INPUT,
      pattern: 'dr-pilot-light',
      guide: 'disaster-recovery',
      // Backup and restore would score highest; minutes of loss rule it out.
      guideAnswers: { rpo: 'minutes', rto: 'hours' },
    };
    beforeEach(() => {
      catalog = createPatternCatalog(loadLibraryGuides());
      action = createWriteDecisionRecordAction({
        catalog,
        appBaseUrl: 'https://portal.example.com',
        patternsPath: '/patterns',
      });
    });
    const record = async (input: Record<string, unknown>) =>
      read(await write(input), `docs/adr/0001-use-${input.pattern}.md`);

    it('lists the questions and answers, the options ruled out, and the runner-up', async () => {
      const markdown = await record(DR_INPUT);
      const lines = section(markdown, 'Decision Guide');

      expect(lines[0]).toBe(
        'Answers given to the guide "Which disaster recovery strategy?". It recommended Pilot light (5 points).',
      );
      expect(lines.slice(1, 3)).toEqual([
        '- How much recent data could you lose in a disaster (recovery point objective)? **A few minutes at most**',
        '- How long can the service be unavailable while you recover (recovery time objective)? **Several hours, even a working day**',
      ]);
      expect(lines).toContain('Left open:');
      expect(lines).toContain(
        "- How much can disaster recovery add to the workload's run cost?",
      );
      const ruledOut = lines.indexOf('### Ruled out by a stated requirement');
      expect(lines[ruledOut + 1]).toBe(
        '- Backup and restore, ruled out by "A few minutes at most" (How much recent data could you lose in a disaster (recovery point objective)?)',
      );
      const runnerUp = lines.indexOf('### Runner-up');
      // Warm standby: 2 points for minutes of loss, none for hours of downtime.
      expect(lines[runnerUp + 1]).toMatch(
        /^Warm standby \(2 points against 5\), which gives recovery in minutes/,
      );
      // The other inputs keep working as before.
      expect(section(markdown, 'Considered Options')[0]).toBe(
        `- ${title('dr-pilot-light')}`,
      );
    });

    it('records a conflict as a conflict, with no runner-up', async () => {
      const markdown = await record({
        ...DR_INPUT,
        pattern: 'dr-backup-restore',
        guideAnswers: { rpo: 'minutes', budget: 'minimal' },
      });
      const lines = section(markdown, 'Decision Guide');

      expect(lines[0]).toMatch(
        /^Answers given to the guide "Which disaster recovery strategy\?"\. No option meets every requirement in your answers: /,
      );
      expect(lines.slice(lines.indexOf('### Runner-up') + 1)).toEqual([
        'No other option was left standing.',
      ]);
    });

    it('looks the guide up with the credentials of the user who ran the template', async () => {
      const credentials = mockCredentials.user('user:default/jane.doe');
      await write(DR_INPUT, { credentials });

      expect(catalog.getEntityByRef).toHaveBeenCalledWith(
        {
          kind: 'DecisionGuide',
          namespace: 'default',
          name: 'disaster-recovery',
        },
        { credentials },
      );
    });

    it.each([
      [
        { guide: 'no-such-guide' },
        /^guide: no decision guide named "no-such-guide"/,
      ],
      [
        { guideAnswers: { rpo: 'weeks' } },
        /^guideAnswers\.rpo: "weeks" is not an answer/,
      ],
      [{ guideAnswers: { colour: 'red' } }, /^guideAnswers\.colour: /],
      [{ guide: undefined }, /^guideAnswers: given without guide/],
    ])(
      'fails on %j, naming the field, without writing',
      async (change, message) => {
        const ctx = createMockActionContext({
          input: { ...DR_INPUT, ...change } as any,
        });
        const error = await action.handler(ctx).catch(e => e);

        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toMatch(message);
        expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
      },
    );

    it.each([
      ['no guide inputs', {}],
      ['an empty guide and no answers', { guide: '', guideAnswers: {} }],
    ])('writes no guide section for %s', async (_, guideInputs) => {
      const markdown = await record({ ...INPUT, ...guideInputs });
      expect(markdown).not.toContain('## Decision Guide');
    });

    it('records a guide opened with no answers as a tie of every option', async () => {
      const lines = section(
        await record({ ...DR_INPUT, guideAnswers: {} }),
        'Decision Guide',
      );
      expect(lines[0]).toMatch(
        /It left Backup and restore and .* tied at 0 points\.$/,
      );
      expect(lines).toContain('- No question was answered.');
    });
  });
});

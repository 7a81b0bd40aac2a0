import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ArchitecturePatternEntity } from '../entity/ArchitecturePatternEntity';
import { patternDecisionRecord } from './patternDecisionRecord';
import { renderDecisionRecord } from './renderDecisionRecord';

const LIBRARY_DIR = path.resolve(__dirname, '../../library/patterns');
const library = new Map<string, ArchitecturePatternEntity>(
  fs
    .readdirSync(LIBRARY_DIR)
    .filter(file => file.endsWith('.yaml'))
    .map(file => parse(fs.readFileSync(path.join(LIBRARY_DIR, file), 'utf8')))
    .map((p: ArchitecturePatternEntity) => [p.metadata.name, p]),
);
const pattern = (name: string) => {
  const found = library.get(name);
  if (!found) throw new Error(`No pattern ${name}`);
  return found;
};

/** A pattern with just the fields the record uses. */
function fakePattern(
  name: string,
  spec: Partial<ArchitecturePatternEntity['spec']> = {},
): ArchitecturePatternEntity {
  return {
    apiVersion: 'architecture.platform.dev/v1alpha1',
    kind: 'ArchitecturePattern',
    metadata: {
      name,
      title: `Title of ${name}`,
      description: `About ${name}.`,
    },
    spec: {
      benefits: ['Benefit one.'],
      tradeOffs: [{ gives: 'speed', costs: 'money' }],
      whenToUse: ['Often.'],
      relatedPatterns: [],
      ...spec,
    } as ArchitecturePatternEntity['spec'],
  };
}

const base = {
  serviceName: 'order-intake',
  context: 'Order intake must absorb flash-sale peaks without losing orders.',
  because: 'Callers only need an acknowledgement and can poll for the result.',
  date: '2025-03-04',
};

describe('patternDecisionRecord', () => {
  const eventDriven = pattern('event-driven-basic');
  const alternatives = eventDriven.spec.relatedPatterns
    .slice(0, 2)
    .map(pattern);
  const record = patternDecisionRecord({
    ...base,
    pattern: eventDriven,
    alternatives,
    deciders: ['jane'],
    patternUrl: 'http://localhost:3000/patterns/event-driven-basic',
  });

  it('is an accepted decision to use the pattern for the service', () => {
    expect(record.title).toBe(
      'Use Event-driven architecture (basic) for order-intake',
    );
    expect(record.status).toBe('accepted');
    expect(record.date).toBe('2025-03-04');
    expect(record.deciders).toEqual(['jane']);
    expect(record.context).toBe(base.context);
  });

  it('takes the decision drivers from when to use the pattern', () => {
    expect(record.drivers).toEqual([
      'The caller only needs to know the request was accepted, not its final result',
      'Traffic is bursty and the downstream system has a fixed capacity',
      'Work can be retried safely and may take longer than an API call should wait',
    ]);
  });

  it('weighs the pattern against the alternatives, with their trade-offs', () => {
    expect(record.options.map(o => o.title)).toEqual([
      'Event-driven architecture (basic)',
      'Synchronous microservice vs event-driven (asynchronous)',
      'Event-driven architecture (advanced routing and fan-out)',
    ]);
    expect(record.options[0]).toEqual({
      title: 'Event-driven architecture (basic)',
      summary: eventDriven.metadata.description,
      good: [
        'it gives fast acknowledgement and protection from traffic bursts',
        'it gives automatic retries for failed processing',
        'it gives loose coupling between API and processor',
      ],
      bad: [
        'it costs results arrive later, so clients must poll for status or be notified',
        'it costs at-least-once delivery, which forces idempotent handlers',
        'it costs another hop to monitor, with backlog age and DLQ depth as new alarm signals',
      ],
    });
    for (const [i, alternative] of alternatives.entries()) {
      expect(record.options[i + 1].good).toHaveLength(
        alternative.spec.tradeOffs.length,
      );
      expect(record.options[i + 1].bad).toHaveLength(
        alternative.spec.tradeOffs.length,
      );
    }
  });

  it('chooses the pattern for its main trade-off and the given reason', () => {
    expect(record.chosen).toBe('Event-driven architecture (basic)');
    expect(record.rationale).toBe(
      'this gives fast acknowledgement and protection from traffic bursts at the cost of results arrive later, so clients must poll for status or be notified; chosen because callers only need an acknowledgement and can poll for the result.',
    );
  });

  it('lists the benefits and costs as consequences', () => {
    expect(record.consequences.good).toEqual([
      'spikes are absorbed by the queue instead of the processor and its database',
      'a processor outage delays work rather than losing it or failing client requests',
      'retries and dead-lettering come from SQS and Lambda configuration, not custom code',
      'API and processor are deployed, scaled and owned independently',
      'access, auditing and encryption are controlled at one point, the queue',
      'no idle compute; cost tracks actual traffic',
    ]);
    expect(record.consequences.bad).toEqual(
      eventDriven.spec.tradeOffs.map(t => t.costs),
    );
  });

  it('links to the pattern in the catalog when given its URL', () => {
    expect(record.links).toEqual([
      {
        title: 'Event-driven architecture (basic) in the pattern catalog',
        url: 'http://localhost:3000/patterns/event-driven-basic',
      },
    ]);
    expect(
      patternDecisionRecord({ ...base, pattern: eventDriven, alternatives: [] })
        .links,
    ).toBeUndefined();
  });

  it('works without alternatives', () => {
    const alone = patternDecisionRecord({
      ...base,
      pattern: eventDriven,
      alternatives: [],
    });
    expect(alone.options.map(o => o.title)).toEqual([
      'Event-driven architecture (basic)',
    ]);
    expect(() => renderDecisionRecord(alone)).not.toThrow();
  });

  describe('sentence case', () => {
    const lowered = (benefit: string) =>
      patternDecisionRecord({
        ...base,
        pattern: fakePattern('p', { benefits: [benefit] }),
        alternatives: [],
      }).consequences.good[0];

    it.each([
      ['Spikes are absorbed.', 'spikes are absorbed'],
      ['A processor outage delays work.', 'a processor outage delays work'],
      ['Non-critical paths degrade.', 'non-critical paths degrade'],
      ['Access, auditing and encryption.', 'access, auditing and encryption'],
      ['AWS APIs on premises.', 'AWS APIs on premises'],
      ['API and processor scale apart.', 'API and processor scale apart'],
      ['SQL semantics;', 'SQL semantics'],
      ['EventBridge routes by content.', 'EventBridge routes by content'],
      ['I/O stays local.', 'I/O stays local'],
      ['X-Ray traces each hop.', 'X-Ray traces each hop'],
      ['Multi-AZ by default.', 'multi-AZ by default'],
      ['  Padded text.  ', 'padded text'],
      ['already lower case...', 'already lower case'],
      ['x', 'x'],
    ])('turns %j into %j', (benefit, expected) => {
      expect(lowered(benefit)).toBe(expected);
    });

    it('applies to the trade-off and the reason in the rationale', () => {
      const rationale = patternDecisionRecord({
        ...base,
        pattern: fakePattern('p', {
          tradeOffs: [
            { gives: 'Lower latency.', costs: 'EventBridge bills per event' },
          ],
        }),
        alternatives: [],
        because: 'The SLA demands it.',
      }).rationale;
      expect(rationale).toBe(
        'this gives lower latency at the cost of EventBridge bills per event; chosen because the SLA demands it.',
      );
    });
  });

  describe.each([...library.keys()].sort())(
    'for the library pattern %s',
    name => {
      const subject = pattern(name);
      const related = subject.spec.relatedPatterns
        .slice(0, 2)
        .map(r => library.get(r))
        .filter((p): p is ArchitecturePatternEntity => Boolean(p));
      const markdown = renderDecisionRecord(
        patternDecisionRecord({
          ...base,
          pattern: subject,
          alternatives: related,
        }),
      );

      it('renders, weighing it against its first two related patterns', () => {
        expect(related).toHaveLength(
          Math.min(2, subject.spec.relatedPatterns.length),
        );
        const considered = markdown
          .split('## Considered Options\n\n')[1]
          .split('\n\n')[0]
          .split('\n');
        expect(considered).toEqual(
          [subject, ...related].map(p => `- ${p.metadata.title}`),
        );
      });

      it('reads as sentences after "because"', () => {
        const becauseLines = markdown
          .split('\n')
          .filter(line => /^- (Good|Bad), because /.test(line))
          .map(line => line.replace(/^- (Good|Bad), because /, ''));
        expect(becauseLines.length).toBeGreaterThan(0);
        for (const line of becauseLines) {
          // No capitalised ordinary word, no doubled or trailing full stop.
          expect(line).not.toMatch(/^(?:A|[A-Z][a-z]+)(?![A-Za-z0-9])/);
          expect(line).not.toMatch(/[.;]$/);
        }
        expect(markdown).toMatch(
          /\nChosen option: "[^"]+", because this gives .+ at the cost of .+; chosen because callers only need an acknowledgement and can poll for the result\.\n/,
        );
      });
    },
  );
});

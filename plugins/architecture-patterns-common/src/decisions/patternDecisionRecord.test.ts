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
  const alternatives = eventDriven.spec.relatedPatterns.map(pattern);
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

  it('weighs the pattern against two adoptable alternatives, skipping comparisons', () => {
    // Its first related pattern is the microservice vs event-driven comparison.
    expect(eventDriven.spec.relatedPatterns[0]).toBe(
      'microservice-vs-event-driven',
    );
    expect(record.options.map(o => o.title)).toEqual([
      'Event-driven architecture (basic)',
      'Event-driven architecture (advanced routing and fan-out)',
      pattern('sns-sqs-fan-out').metadata.title,
    ]);
    expect(record.options[0]).toEqual({
      title: 'Event-driven architecture (basic)',
      summary: eventDriven.metadata.description,
      good: eventDriven.spec.tradeOffs.map(t => t.gives),
      bad: eventDriven.spec.tradeOffs.map(t => t.costs),
    });
  });

  it('never weighs the pattern against itself or more than two others', () => {
    const many = patternDecisionRecord({
      ...base,
      pattern: eventDriven,
      alternatives: [eventDriven, ...[...library.values()]],
    });
    expect(many.options).toHaveLength(3);
    expect(many.options.slice(1).map(o => o.title)).not.toContain(
      eventDriven.metadata.title,
    );
  });

  it('chooses the pattern for the given reason, with its main trade-off', () => {
    expect(record.chosen).toBe('Event-driven architecture (basic)');
    expect(record.rationale).toBe(
      'callers only need an acknowledgement and can poll for the result',
    );
    expect(record.tradeOff).toEqual(eventDriven.spec.tradeOffs[0]);
  });

  it('lists the benefits and costs as consequences', () => {
    expect(record.consequences).toEqual({
      good: eventDriven.spec.benefits,
      bad: eventDriven.spec.tradeOffs.map(t => t.costs),
    });
  });

  it('keeps acronyms and names at the start of the reason', () => {
    for (const because of [
      'AWS bills per request.',
      'EventBridge routes it.',
      'I/O stays local.',
    ]) {
      expect(
        patternDecisionRecord({
          ...base,
          because,
          pattern: fakePattern('x'),
          alternatives: [],
        }).rationale,
      ).toBe(because.replace(/\.$/, ''));
    }
    expect(
      patternDecisionRecord({
        ...base,
        because: 'The SLA demands it.',
        pattern: fakePattern('x'),
        alternatives: [],
      }).rationale,
    ).toBe('the SLA demands it');
  });

  it('renders as MADR with the trade-off spelled out', () => {
    const markdown = renderDecisionRecord(record);
    expect(markdown).toContain(
      'Chosen option: "Event-driven architecture (basic)", because callers only need an acknowledgement and can poll for the result. What it gives: Fast acknowledgement and protection from traffic bursts. What it costs: Results arrive later, so clients must poll for status or be notified.',
    );
    expect(markdown).toContain(
      '- Bad: Results arrive later, so clients must poll for status or be notified.',
    );
    expect(markdown).toContain(
      '- [Event-driven architecture (basic) in the pattern catalog](http://localhost:3000/patterns/event-driven-basic)',
    );
  });
});

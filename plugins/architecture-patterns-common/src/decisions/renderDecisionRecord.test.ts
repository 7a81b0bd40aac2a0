import { parse } from 'yaml';
import { DecisionRecord, renderDecisionRecord } from './renderDecisionRecord';

const record: DecisionRecord = {
  title: 'Use a queue for order intake',
  status: 'accepted',
  date: '2025-03-04',
  deciders: ['jane', 'bob'],
  context: 'Order intake must absorb flash-sale peaks.',
  drivers: ['Bursty traffic', 'Retries must be safe'],
  options: [
    {
      title: 'Queue',
      summary: 'Requests go to SQS first.',
      good: ['it absorbs bursts'],
      bad: ['results arrive later'],
    },
    { title: 'Synchronous API', good: ['answers at once'] },
    { title: 'Batch job' },
  ],
  chosen: 'Queue',
  rationale: 'callers only need an acknowledgement.',
  tradeOff: { gives: 'protection from bursts', costs: 'results arrive later' },
  consequences: {
    good: ['spikes are absorbed'],
    bad: ['clients must poll'],
  },
  links: [
    { title: 'Queue pattern', url: 'http://localhost:3000/patterns/queue' },
  ],
};

/** The front matter block, parsed, and the markdown after it. */
function split(markdown: string) {
  const match = markdown.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  expect(match).not.toBeNull();
  return { front: parse(match![1]), body: match![2] };
}

describe('renderDecisionRecord', () => {
  it('renders MADR markdown', () => {
    expect(renderDecisionRecord(record)).toBe(`---
status: accepted
date: 2025-03-04
decision-makers: jane, bob
---

# Use a queue for order intake

## Context and Problem Statement

Order intake must absorb flash-sale peaks.

## Decision Drivers

- Bursty traffic
- Retries must be safe

## Considered Options

- Queue
- Synchronous API
- Batch job

## Decision Outcome

Chosen option: "Queue", because callers only need an acknowledgement. What it gives: Protection from bursts. What it costs: Results arrive later.

### Consequences

- Good: Spikes are absorbed.
- Bad: Clients must poll.

## Pros and Cons of the Options

### Queue

Requests go to SQS first.

- Good: It absorbs bursts.
- Bad: Results arrive later.

### Synchronous API

- Good: Answers at once.

### Batch job

## More Information

- [Queue pattern](http://localhost:3000/patterns/queue)
`);
  });

  it('puts the sections in MADR order', () => {
    const headings = renderDecisionRecord(record)
      .split('\n')
      .filter(line => line.startsWith('#'));
    expect(headings).toEqual([
      '# Use a queue for order intake',
      '## Context and Problem Statement',
      '## Decision Drivers',
      '## Considered Options',
      '## Decision Outcome',
      '### Consequences',
      '## Pros and Cons of the Options',
      '### Queue',
      '### Synchronous API',
      '### Batch job',
      '## More Information',
    ]);
  });

  it('refuses a chosen option that is not one of the considered options', () => {
    expect(() => renderDecisionRecord({ ...record, chosen: 'Cron' })).toThrow(
      'chosen "Cron" is not one of the considered options',
    );
    expect(() => renderDecisionRecord({ ...record, options: [] })).toThrow(
      /not one of the considered options/,
    );
  });

  it('has front matter that YAML reads back', () => {
    const { front, body } = split(renderDecisionRecord(record));
    expect(front).toEqual({
      status: 'accepted',
      date: '2025-03-04',
      'decision-makers': 'jane, bob',
    });
    expect(body.startsWith('\n# Use a queue for order intake\n')).toBe(true);
  });

  it.each([
    ['@platform-team'],
    ['user:default/jane'],
    ['Jane Doe <jane@example.com>'],
    ['#1 fan'],
    ['*alias'],
    ['[team]'],
    ['"quoted"'],
    ['yes'],
    ['null'],
    ['2025'],
    ['jane: lead'],
    ['a #b'],
    ["Zoë O'Brien"],
    ['line\nbreak'],
  ])('keeps the decider %j intact in the front matter', decider => {
    const { front } = split(
      renderDecisionRecord({ ...record, deciders: [decider] }),
    );
    expect(front['decision-makers']).toBe(decider);
  });

  it('keeps ordinary deciders unquoted', () => {
    expect(
      renderDecisionRecord({
        ...record,
        deciders: ['Jane Doe', 'bob.smith', 'Ops (on call)'],
      }),
    ).toContain('\ndecision-makers: Jane Doe, bob.smith, Ops (on call)\n');
  });

  it('leaves out decision-makers without deciders', () => {
    for (const deciders of [undefined, []]) {
      const markdown = renderDecisionRecord({ ...record, deciders });
      expect(markdown).not.toContain('decision-makers');
      expect(split(markdown).front).toEqual({
        status: 'accepted',
        date: '2025-03-04',
      });
    }
  });

  it('leaves out More Information without links', () => {
    for (const links of [undefined, []]) {
      const markdown = renderDecisionRecord({ ...record, links });
      expect(markdown).not.toContain('## More Information');
      expect(markdown.endsWith('### Batch job\n')).toBe(true);
    }
  });

  it('renders each status', () => {
    for (const status of [
      'proposed',
      'accepted',
      'superseded',
      'deprecated',
    ] as const) {
      expect(
        split(renderDecisionRecord({ ...record, status })).front.status,
      ).toBe(status);
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { DecisionGuideEntity } from './DecisionGuideEntity';
import { guideDecisionRecord, guideTrail } from './guideDecisionRecord';
import { recommend } from './recommend';
import { renderDecisionRecord } from '../decisions/renderDecisionRecord';

const load = (name: string): DecisionGuideEntity =>
  parse(
    fs.readFileSync(
      path.resolve(__dirname, `../../library/guides/${name}.yaml`),
      'utf8',
    ),
  );

const tenant = load('tenant-isolation');
const hybrid = load('hybrid-connectivity');

describe('guideTrail', () => {
  it('lists the answers, the open questions, what a requirement ruled out and the runner-up', () => {
    const answers = {
      regulation: 'separate-data',
      'tenant-count': 'tens',
    };
    const trail = guideTrail(tenant, recommend(tenant, answers));

    expect(trail.title).toBe('How isolated should each tenant be?');
    // bridge 5 + 2 = 7; silo 1 + 3 = 4; pool is excluded by separate data.
    expect(trail.result).toBe(
      'It recommended Bridge (shared compute, separate databases) (7 points).',
    );
    expect(trail.answers).toEqual([
      {
        question:
          'What do regulators or customer contracts demand about separation?',
        answer:
          'Data kept in a separate database or schema per tenant; shared compute is acceptable',
      },
      {
        question: 'How many tenants do you expect within two years?',
        answer: 'Tens of large enterprise customers',
      },
    ]);
    expect(trail.open).toHaveLength(4);
    expect(trail.ruledOut).toEqual([
      {
        option: 'Pool (shared everything)',
        by: [trail.answers[0]],
      },
    ]);
    expect(trail.runnerUp).toMatch(
      /^Silo \(a dedicated stack per tenant\) \(4 points against 7\), which gives the strongest isolation/,
    );
  });

  it('describes a conflict and a tie without a runner-up', () => {
    const conflict = guideTrail(
      hybrid,
      recommend(hybrid, {
        'setup-time': 'days',
        'data-residency': 'private-path',
      }),
    );
    expect(conflict.result).toMatch(/^No option meets every requirement/);
    expect(conflict.ruledOut.map(r => r.option)).toEqual([
      'AWS Site-to-Site VPN',
      'AWS Direct Connect',
      'AWS Outposts',
    ]);
    expect(conflict.runnerUp).toBeUndefined();

    const tie = guideTrail(tenant, recommend(tenant, {}));
    expect(tie.result).toBe(
      'It left Bridge (shared compute, separate databases) and Silo (a dedicated stack per tenant) and Pool (shared everything) tied at 0 points.',
    );
    expect(tie.runnerUp).toBeUndefined();
  });
});

describe('guideDecisionRecord', () => {
  it('renders a Decision Guide section and weighs the ruled-out options too', () => {
    const recommendation = recommend(tenant, { regulation: 'separate-data' });
    const record = guideDecisionRecord({
      guide: tenant,
      recommendation,
      date: '2026-11-30',
    });
    expect(record.options.map(o => o.title)).toEqual([
      'Bridge (shared compute, separate databases)',
      'Silo (a dedicated stack per tenant)',
      'Pool (shared everything)',
    ]);
    expect(record.options[2].bad).toEqual([
      'the answer "Data kept in a separate database or schema per tenant; shared compute is acceptable" rules it out: customers want their data stored apart from other tenants\' but accept a shared application fleet',
    ]);

    const markdown = renderDecisionRecord(record);
    const guideSection = markdown
      .split('\n## Decision Guide\n')[1]
      .split('\n## ')[0];
    expect(guideSection).toContain(
      '- What do regulators or customer contracts demand about separation? **Data kept in a separate database or schema per tenant; shared compute is acceptable**',
    );
    expect(guideSection).toContain(
      '### Ruled out by a stated requirement\n\n- Pool (shared everything), ruled out by "Data kept',
    );
    expect(guideSection).toMatch(/### Runner-up\n\nSilo \(a dedicated stack/);
    // The section sits between the outcome and the pros and cons.
    expect(markdown.indexOf('## Decision Outcome')).toBeLessThan(
      markdown.indexOf('## Decision Guide'),
    );
    expect(markdown.indexOf('## Decision Guide')).toBeLessThan(
      markdown.indexOf('## Pros and Cons of the Options'),
    );
  });

  it('refuses to write a record for a conflict or a tie', () => {
    expect(() =>
      guideDecisionRecord({
        guide: tenant,
        recommendation: recommend(tenant, {}),
        date: '2026-11-30',
      }),
    ).toThrow(/end in a tie, not a recommendation/);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ArchitecturePatternEntity } from '../entity/ArchitecturePatternEntity';
import { resolveTextPlaceholders } from '../entity/textPlaceholders';
import { ANNOTATION_IMPLEMENTS_PATTERNS } from '../entity/constants';
import {
  conformanceProblems,
  guardRuleNames,
  failingRuleIds,
  ruleVerdicts,
} from './guardRules';

const ROOT = path.resolve(__dirname, '../../../..');
const LIBRARY_DIR = path.join(
  ROOT,
  'plugins/architecture-patterns-common/library/patterns',
);
const TEMPLATES_DIR = path.join(ROOT, 'templates');

function readPattern(name: string): ArchitecturePatternEntity {
  return resolveTextPlaceholders(
    parse(fs.readFileSync(path.join(LIBRARY_DIR, `${name}.yaml`), 'utf8')),
    relative => fs.readFileSync(path.join(LIBRARY_DIR, relative), 'utf8'),
  );
}

/** The pattern each service template implements (its implements-patterns annotation). */
const templatePatterns = fs
  .readdirSync(TEMPLATES_DIR)
  .filter(dir => fs.existsSync(path.join(TEMPLATES_DIR, dir, 'skeleton')))
  .map(dir => {
    const template = parse(
      fs.readFileSync(path.join(TEMPLATES_DIR, dir, 'template.yaml'), 'utf8'),
    );
    return template.metadata.annotations[
      ANNOTATION_IMPLEMENTS_PATTERNS
    ] as string;
  });

describe('conformance rules of the pattern library', () => {
  it('covers the four patterns that have a template', () => {
    expect([...templatePatterns].sort()).toEqual([
      'event-driven-basic',
      'multi-site-active-active-dr',
      'multi-tenant-saas',
      'three-tier',
    ]);
  });

  describe.each(templatePatterns)('%s', name => {
    const conformance = readPattern(name).spec.conformance!;

    it('lists rules whose code its guard file defines, each once', () => {
      expect(conformance.rules.length).toBeGreaterThanOrEqual(3);
      expect(conformanceProblems(conformance)).toEqual([]);
      expect(guardRuleNames(conformance.guard).sort()).toEqual(
        conformance.rules.map(rule => rule.id).sort(),
      );
    });

    it('describes each rule in one line', () => {
      for (const rule of conformance.rules) {
        expect(rule.description).not.toContain('\n');
        expect(rule.description.length).toBeLessThanOrEqual(160);
      }
    });
  });
});

describe('guardRuleNames and conformanceProblems', () => {
  const guard = [
    '# rule commented_out {',
    'let x = Resources.*',
    'rule first when %x !empty {',
    '  %x exists',
    '}',
    'rule second_rule {',
    '}',
  ].join('\n');

  it('reads the top-level rule names, not comments', () => {
    expect(guardRuleNames(guard)).toEqual(['first', 'second_rule']);
  });

  it('names a listed rule the code does not define, and a rule listed twice', () => {
    expect(
      conformanceProblems({
        guard,
        rules: [{ id: 'first' }, { id: 'missing' }, { id: 'first' }],
      }),
    ).toEqual([
      'rule missing is listed but the guard code defines no rule of that name',
      'rule first is listed twice',
    ]);
  });
});

describe('ruleVerdicts', () => {
  it('fails a rule that failed on any template, passes one that passed somewhere, marks one that never applied as absent', () => {
    const verdicts = ruleVerdicts([
      {
        compliant: ['a', 'b'],
        not_applicable: ['c', 'd'],
        not_compliant: [],
      },
      {
        compliant: ['a'],
        not_applicable: ['b', 'c'],
        not_compliant: [{ Rule: { name: 'd' } }, 'e'],
      },
    ]);
    expect(Object.fromEntries(verdicts)).toEqual({
      a: 'pass',
      b: 'pass',
      c: 'absent',
      d: 'fail',
      e: 'fail',
    });
  });
});

describe('failingRuleIds', () => {
  it('fails a rule that failed, or applied nowhere unless it is optional', () => {
    const verdicts = new Map([
      ['passed', 'pass' as const],
      ['failed', 'fail' as const],
      ['missing', 'absent' as const],
      ['optional_missing', 'absent' as const],
      ['optional_failed', 'fail' as const],
    ]);
    expect(
      failingRuleIds(
        [
          { id: 'passed' },
          { id: 'failed' },
          { id: 'missing' },
          { id: 'optional_missing', optional: true },
          { id: 'optional_failed', optional: true },
          { id: 'not_in_the_output' },
        ],
        verdicts,
      ),
    ).toEqual(['failed', 'missing', 'optional_failed', 'not_in_the_output']);
  });
});

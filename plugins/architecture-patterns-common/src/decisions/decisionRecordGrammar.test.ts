import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ArchitecturePatternEntity } from '../entity/ArchitecturePatternEntity';
import type { DecisionGuideEntity } from '../guides/DecisionGuideEntity';
import { guideDecisionRecord } from '../guides/guideDecisionRecord';
import { recommend, type GuideAnswers } from '../guides/recommend';
import { patternDecisionRecord } from './patternDecisionRecord';
import { renderDecisionRecord } from './renderDecisionRecord';

/*
 * The decision record is one of the first documents a team reads in its new
 * repository. Rendered for every pattern and every guide outcome, its
 * grammar-sensitive parts must read as written by a person, whatever the
 * data holds: phrases or clauses, with or without a full stop.
 */

const LIBRARY = path.resolve(__dirname, '../../library');
const readAll = <T>(folder: string): T[] =>
  fs
    .readdirSync(path.join(LIBRARY, folder))
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file =>
      parse(fs.readFileSync(path.join(LIBRARY, folder, file), 'utf8')),
    );

const patterns = readAll<ArchitecturePatternEntity>('patterns');
const guides = readAll<DecisionGuideEntity>('guides');
const byName = new Map(patterns.map(p => [p.metadata.name, p]));

function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  const end = lines.findIndex((l, i) => i > start && /^##? /.test(l));
  return lines.slice(start + 1, end === -1 ? undefined : end).filter(Boolean);
}

/** The problems of a rendered record; none when it reads well. */
function problems(markdown: string, titles: Set<string>): string[] {
  const found: string[] = [];
  const lines = markdown.split('\n');
  for (const line of lines) {
    if (/\bbecause (it )?(costs|gives)\b/.test(line))
      found.push(`fragment after "because": ${line}`);
    if (/\bat the cost of [a-z]+ (arrive|are|is|must|can)\b/.test(line))
      found.push(`clause after "at the cost of": ${line}`);
    if (/^-\s*$/.test(line) || /^- (Good|Bad):\s*\.?$/.test(line))
      found.push(`empty bullet: "${line}"`);
    if (
      /^- (Good|Bad)/.test(line) &&
      !/^- (Good|Bad): ["'(A-Z0-9].*[.?!]$/.test(line)
    )
      found.push(`not a sentence: ${line}`);
    if (/\.\.(?!\.)|\s\.$|;\./.test(line))
      found.push(`stray punctuation: ${line}`);
  }
  for (const option of section(markdown, '## Considered Options')) {
    const title = option.replace(/^- /, '');
    if (!titles.has(title))
      found.push(`considered option is not a pattern or outcome: ${title}`);
  }
  const outcome = lines.find(l => l.startsWith('Chosen option:'));
  if (
    !outcome ||
    !/^Chosen option: ".+", because [a-z].*\.$/.test(
      outcome.split(' What it gives:')[0],
    )
  ) {
    found.push(`decision outcome does not read: ${outcome}`);
  }
  return found;
}

describe('decision records read as written by a person', () => {
  const patternTitles = new Set(patterns.map(p => p.metadata.title));

  it.each(patterns.map(p => [p.metadata.name, p] as const))(
    'for the pattern %s',
    (_name, pattern) => {
      const alternatives = pattern.spec.relatedPatterns
        .map(name => byName.get(name))
        .filter((p): p is ArchitecturePatternEntity => Boolean(p));
      const markdown = renderDecisionRecord(
        patternDecisionRecord({
          pattern,
          alternatives,
          serviceName: 'orders',
          context: 'Orders arrive faster than they can be fulfilled.',
          because: 'the team accepts its main cost for what it gives',
          date: '2026-11-30',
          deciders: ['Ada Lovelace (user:default/ada)'],
        }),
      );
      expect(problems(markdown, patternTitles)).toEqual([]);
      // Only patterns a service can adopt are weighed against it.
      const [, ...alternativeOptions] = section(
        markdown,
        '## Considered Options',
      );
      for (const option of alternativeOptions) {
        expect(option).not.toMatch(/ vs |trade-offs|top 3/i);
      }
    },
  );

  /** For each outcome of a guide, an answer set that recommends it. */
  function answersRecommending(guide: DecisionGuideEntity) {
    const found = new Map<string, GuideAnswers>();
    const visit = (index: number, answers: GuideAnswers) => {
      if (found.size === guide.spec.outcomes.length) return;
      if (index === guide.spec.questions.length) {
        const result = recommend(guide, answers);
        if (result.recommended && !found.has(result.recommended.id)) {
          found.set(result.recommended.id, answers);
        }
        return;
      }
      const question = guide.spec.questions[index];
      for (const answer of question.answers) {
        visit(index + 1, { ...answers, [question.id]: answer.id });
      }
      visit(index + 1, answers);
    };
    visit(0, {});
    return found;
  }

  it.each(guides.map(g => [g.metadata.name, g] as const))(
    'for every outcome of the %s guide',
    (_name, guide) => {
      const titles = new Set(guide.spec.outcomes.map(o => o.title));
      const recommending = answersRecommending(guide);
      // Every outcome a guide can reach is covered.
      expect(recommending.size).toBeGreaterThan(1);
      for (const [outcome, answers] of recommending) {
        const markdown = renderDecisionRecord(
          guideDecisionRecord({
            guide,
            recommendation: recommend(guide, answers),
            date: '2026-11-30',
          }),
        );
        expect({ outcome, problems: problems(markdown, titles) }).toEqual({
          outcome,
          problems: [],
        });
      }
    },
  );
});

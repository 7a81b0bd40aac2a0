import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { DecisionGuideEntity } from './DecisionGuideEntity';
import { recommend, type GuideAnswers } from './recommend';
import { INTERVIEW_SCENARIOS } from './interviewScenarios';

/**
 * Proof by enumeration: every combination of answers of every guide, each
 * question answered with each of its answers or skipped, checked against
 * the requirements written in the data. The checks below recompute what is
 * allowed and what scores from the YAML on their own, without the engine's
 * helpers.
 */

const GUIDES_DIR = path.resolve(__dirname, '../../library/guides');
const guides: DecisionGuideEntity[] = fs
  .readdirSync(GUIDES_DIR)
  .filter(file => file.endsWith('.yaml'))
  .sort()
  .map(file => parse(fs.readFileSync(path.join(GUIDES_DIR, file), 'utf8')));

function* combinations(guide: DecisionGuideEntity): Generator<GuideAnswers> {
  function* from(
    index: number,
    answers: GuideAnswers,
  ): Generator<GuideAnswers> {
    if (index === guide.spec.questions.length) {
      yield answers;
      return;
    }
    const question = guide.spec.questions[index];
    yield* from(index + 1, answers);
    for (const answer of question.answers) {
      yield* from(index + 1, { ...answers, [question.id]: answer.id });
    }
  }
  yield* from(0, {});
}

function answerOf(guide: DecisionGuideEntity, questionId: string, id: string) {
  return guide.spec.questions
    .find(q => q.id === questionId)!
    .answers.find(a => a.id === id)!;
}

/** Does this answer forbid that outcome? */
function forbids(
  answer: { requires?: string[]; excludes?: string[] },
  outcome: string,
): boolean {
  return (
    (answer.excludes ?? []).includes(outcome) ||
    (answer.requires !== undefined && !answer.requires.includes(outcome))
  );
}

/** The result's status, and its problems: none when it respects every given answer. */
function check(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
): { status: string; problems: string[] } {
  const result = recommend(guide, answers);
  const given = Object.entries(answers).map(([q, a]) => answerOf(guide, q, a));
  const allowed = guide.spec.outcomes
    .map(o => o.id)
    .filter(id => given.every(answer => !forbids(answer, id)));
  const score = (id: string) =>
    given.reduce((sum, answer) => sum + (answer.scores[id] ?? 0), 0);
  const top = Math.max(...allowed.map(score));
  const best = allowed.filter(id => score(id) === top);
  const problems: string[] = [];
  const done = () => ({ status: result.status, problems });
  const fail = (text: string) =>
    problems.push(`${JSON.stringify(answers)}: ${text}`);

  // Every ruled-out option is listed, each with answers that really rule it out.
  const listed = result.ruledOut.map(r => r.outcome).sort();
  const expectedOut = guide.spec.outcomes
    .map(o => o.id)
    .filter(id => !allowed.includes(id))
    .sort();
  if (JSON.stringify(listed) !== JSON.stringify(expectedOut))
    fail(`ruled out ${listed} instead of ${expectedOut}`);
  for (const ruled of result.ruledOut) {
    if (ruled.by.length === 0) fail(`${ruled.outcome} ruled out by nothing`);
    for (const by of ruled.by) {
      if (!forbids(answerOf(guide, by.questionId, by.answerId), ruled.outcome))
        fail(
          `${by.questionId}=${by.answerId} does not rule out ${ruled.outcome}`,
        );
    }
  }

  if (allowed.length === 0) {
    if (result.status !== 'conflict')
      fail(`no outcome allowed, but ${result.status}`);
    if (result.recommended || result.runnerUp)
      fail('recommends despite a conflict');
    if (!result.conflict?.reads.length) fail('conflict without a reading');
    if (!result.conflict?.answers.length) fail('conflict names no answers');
    for (const r of result.conflict?.resolutions ?? []) {
      const changed = { ...answers, [r.questionId]: r.answerId };
      const still = Object.entries(changed).map(([q, a]) =>
        answerOf(guide, q, a),
      );
      const leaves = guide.spec.outcomes
        .map(o => o.id)
        .filter(id => still.every(answer => !forbids(answer, id)));
      if (JSON.stringify(leaves) !== JSON.stringify(r.leaves))
        fail(
          `resolution ${r.questionId}=${r.answerId} leaves ${leaves}, not ${r.leaves}`,
        );
    }
    return done();
  }

  if (best.length > 1) {
    if (result.status !== 'tie') fail(`${best} tie, but ${result.status}`);
    if (result.recommended) fail('recommends one side of a tie');
    const tied = (result.tie?.outcomes ?? []).map(o => o.id).sort();
    if (JSON.stringify(tied) !== JSON.stringify([...best].sort()))
      fail(`tie of ${tied} instead of ${best}`);
    return done();
  }

  if (result.status !== 'recommended')
    fail(`${best[0]} wins, but ${result.status}`);
  const recommended = result.recommended?.id;
  if (recommended !== best[0])
    fail(`recommends ${recommended}, not ${best[0]}`);
  for (const answer of given) {
    if (recommended && forbids(answer, recommended))
      fail(`recommends ${recommended}, which ${answer.id} rules out`);
  }
  if (result.runnerUp) {
    if (!allowed.includes(result.runnerUp.id))
      fail(`runner-up ${result.runnerUp.id} is ruled out`);
    if (result.runnerUp.score >= result.recommended!.score)
      fail('runner-up scores as much as the recommendation');
  } else if (allowed.length > 1) {
    fail('no runner-up although another outcome is allowed');
  }
  return done();
}

describe('every answer combination of every guide', () => {
  const started = Date.now();
  const counts: Record<
    string,
    { combinations: number; conflicts: number; ties: number }
  > = {};

  it.each(guides.map(g => [g.metadata.name, g] as const))(
    '%s: no recommendation breaks a requirement, ties and conflicts are reported',
    (name, guide) => {
      const problems: string[] = [];
      const count = { combinations: 0, conflicts: 0, ties: 0 };
      for (const answers of combinations(guide)) {
        count.combinations += 1;
        const { status, problems: found } = check(guide, answers);
        if (status === 'conflict') count.conflicts += 1;
        if (status === 'tie') count.ties += 1;
        problems.push(...found);
        if (problems.length > 20) break;
      }
      counts[name] = count;
      expect(problems).toEqual([]);
      // Each question answered or skipped: the product of (answers + 1).
      expect(count.combinations).toBe(
        guide.spec.questions.reduce((n, q) => n * (q.answers.length + 1), 1),
      );
    },
  );

  it('keeps the ten interview scenarios, each a recommendation', () => {
    for (const scenario of INTERVIEW_SCENARIOS) {
      const guide = guides.find(g => g.metadata.name === scenario.guide)!;
      const result = recommend(guide, scenario.answers);
      expect({
        name: scenario.name,
        status: result.status,
        id: result.recommended?.id,
      }).toEqual({
        name: scenario.name,
        status: 'recommended',
        id: scenario.recommended,
      });
      expect(check(guide, scenario.answers).problems).toEqual([]);
    }
  });

  it('checks every guide and prints the counts and the time taken', () => {
    expect(Object.keys(counts).sort()).toEqual(
      guides.map(g => g.metadata.name).sort(),
    );
    const total = Object.values(counts).reduce((n, c) => n + c.combinations, 0);
    // eslint-disable-next-line no-console
    console.log(
      `Answer combinations checked: ${Object.entries(counts)
        .map(
          ([name, c]) =>
            `${name} ${c.combinations} (${c.conflicts} conflicts, ${c.ties} ties)`,
        )
        .join('; ')}; ${total} in all, in ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s`,
    );
    // Printed, not asserted: a timed assertion fails on a busy machine
    // without telling anything about the code.
  });
});

import type {
  DecisionGuideEntity,
  GuideAnswer,
  GuideConflict,
} from './DecisionGuideEntity';

/** The answers given to a guide: question id to answer id. */
export type GuideAnswers = Record<string, string>;

/** The answer objects given, in question order; unknown ids are skipped. */
export function givenAnswers(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
): Array<{ questionId: string; answer: GuideAnswer }> {
  const given: Array<{ questionId: string; answer: GuideAnswer }> = [];
  for (const question of guide.spec.questions) {
    const answer = question.answers.find(a => a.id === answers[question.id]);
    if (answer) given.push({ questionId: question.id, answer });
  }
  return given;
}

/** Whether one answer's requirements allow an outcome. */
export function answerAllows(answer: GuideAnswer, outcome: string): boolean {
  if (answer.excludes?.includes(outcome)) return false;
  if (answer.requires && !answer.requires.includes(outcome)) return false;
  return true;
}

/** The outcome ids that no given answer rules out, in guide order. */
export function allowedOutcomes(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
): string[] {
  const given = givenAnswers(guide, answers);
  return guide.spec.outcomes
    .map(o => o.id)
    .filter(id => given.every(({ answer }) => answerAllows(answer, id)));
}

/** Whether a declared conflict covers a set of answers. */
export function conflictApplies(
  conflict: GuideConflict,
  answers: GuideAnswers,
): boolean {
  return Object.entries(conflict.when).every(
    ([questionId, answerIds]) =>
      answers[questionId] !== undefined &&
      answerIds.includes(answers[questionId]),
  );
}

/** Whether an answer states a requirement (requires or excludes). */
export const isRequirement = (answer: GuideAnswer) =>
  Boolean(answer.requires?.length || answer.excludes?.length);

/**
 * Every set of answers a guide can receive, each question either answered
 * with one of its answers or skipped: the product of (answers + 1) over the
 * questions, the empty set included. With `only`, answers it rejects are
 * left out (a question with none left is always skipped).
 */
export function* enumerateAnswerSets(
  guide: DecisionGuideEntity,
  only: (answer: GuideAnswer) => boolean = () => true,
): Generator<GuideAnswers> {
  const questions = guide.spec.questions.map(q => ({
    id: q.id,
    answers: q.answers.filter(only),
  }));
  const choice = new Array<number>(questions.length).fill(-1);
  for (;;) {
    const answers: GuideAnswers = {};
    questions.forEach((question, i) => {
      if (choice[i] >= 0) answers[question.id] = question.answers[choice[i]].id;
    });
    yield answers;
    let i = 0;
    while (i < questions.length) {
      choice[i] += 1;
      if (choice[i] < questions[i].answers.length) break;
      choice[i] = -1;
      i += 1;
    }
    if (i === questions.length) return;
  }
}

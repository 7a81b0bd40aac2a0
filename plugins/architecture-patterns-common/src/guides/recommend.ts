import type { DecisionGuideEntity, GuideOutcome } from './DecisionGuideEntity';

/** The answers given to a guide: question id to answer id. */
export type GuideAnswers = Record<string, string>;

/** How one answer moved the result. */
export type AnswerReason = {
  questionId: string;
  question: string;
  answerId: string;
  answer: string;
  because: string;
  /** Points this answer gave each outcome, largest effect first. */
  moved: Array<{ outcome: string; points: number }>;
};

/** The outcome of a guide for a set of answers. */
export type Recommendation = {
  guide: string;
  recommended: GuideOutcome & { score: number };
  runnerUp?: GuideOutcome & { score: number };
  ranking: Array<{ outcome: string; score: number }>;
  reasons: AnswerReason[];
  /** "This gives X at the cost of Y; chosen because Z." */
  tradeOff: string;
  /** Template form values implied by the answers that support the recommendation. */
  templateValues: Record<string, string | number | boolean>;
  /** Questions not answered yet. */
  unanswered: string[];
};

/** Raised for answers that do not fit the guide; names the bad field. */
export class GuideAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const stripStop = (text: string) => text.trim().replace(/[.;]+$/, '');

/**
 * Recommends an outcome of a guide for a set of answers. Pure and
 * deterministic: the outcome with the highest total score wins, ties go to
 * the outcome listed first in the guide. Unanswered questions count zero.
 * Throws GuideAnswerError naming the question or answer that is unknown.
 */
export function recommend(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
): Recommendation {
  const questions = new Map(guide.spec.questions.map(q => [q.id, q]));
  for (const [questionId, answerId] of Object.entries(answers)) {
    const question = questions.get(questionId);
    if (!question) {
      throw new GuideAnswerError(
        `answers.${questionId}: "${questionId}" is not a question of guide "${guide.metadata.name}"`,
      );
    }
    if (!question.answers.some(a => a.id === answerId)) {
      throw new GuideAnswerError(
        `answers.${questionId}: "${answerId}" is not an answer to "${questionId}" (expected one of ${question.answers
          .map(a => a.id)
          .join(', ')})`,
      );
    }
  }

  const scores = new Map(guide.spec.outcomes.map(o => [o.id, 0]));
  const reasons: AnswerReason[] = [];
  for (const question of guide.spec.questions) {
    const answerId = answers[question.id];
    if (answerId === undefined) continue;
    const answer = question.answers.find(a => a.id === answerId)!;
    for (const [outcome, points] of Object.entries(answer.scores)) {
      scores.set(outcome, (scores.get(outcome) ?? 0) + points);
    }
    reasons.push({
      questionId: question.id,
      question: question.text,
      answerId: answer.id,
      answer: answer.label,
      because: answer.because,
      moved: Object.entries(answer.scores)
        .map(([outcome, points]) => ({ outcome, points }))
        .sort(
          (a, b) =>
            Math.abs(b.points) - Math.abs(a.points) ||
            a.outcome.localeCompare(b.outcome),
        ),
    });
  }

  const ranking = guide.spec.outcomes
    .map((outcome, order) => ({
      outcome: outcome.id,
      score: scores.get(outcome.id)!,
      order,
    }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ outcome, score }) => ({ outcome, score }));
  const byId = new Map(guide.spec.outcomes.map(o => [o.id, o]));
  const recommended = {
    ...byId.get(ranking[0].outcome)!,
    score: ranking[0].score,
  };
  const runnerUp = ranking[1]
    ? { ...byId.get(ranking[1].outcome)!, score: ranking[1].score }
    : undefined;

  // Template values come from the answers that argue for the winner (or are
  // neutral to it); where two disagree, the one arguing harder wins.
  const pointsFor = (reason: AnswerReason) =>
    reason.moved.find(m => m.outcome === recommended.id)?.points ?? 0;
  const answerById = new Map(
    guide.spec.questions.map(q => [
      q.id,
      q.answers.find(a => a.id === answers[q.id]),
    ]),
  );
  const templateValues: Recommendation['templateValues'] = {};
  for (const reason of [...reasons].sort(
    (a, b) => pointsFor(a) - pointsFor(b),
  )) {
    if (pointsFor(reason) >= 0) {
      Object.assign(
        templateValues,
        answerById.get(reason.questionId)?.templateValues,
      );
    }
  }

  const decisive = reasons
    .map(r => ({
      r,
      points: r.moved.find(m => m.outcome === recommended.id)?.points ?? 0,
    }))
    .filter(x => x.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map(x => stripStop(x.r.because));
  const because = decisive.length
    ? decisive.join(', and ')
    : 'no answer so far argues for another option';

  return {
    guide: guide.metadata.name,
    recommended,
    runnerUp,
    ranking,
    reasons,
    tradeOff: `This gives ${stripStop(
      recommended.gives,
    )} at the cost of ${stripStop(
      recommended.costs,
    )}; chosen because ${because}.`,
    templateValues,
    unanswered: guide.spec.questions
      .filter(q => answers[q.id] === undefined)
      .map(q => q.id),
  };
}

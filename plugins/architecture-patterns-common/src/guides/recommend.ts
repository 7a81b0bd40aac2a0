import type { DecisionGuideEntity, GuideOutcome } from './DecisionGuideEntity';
import {
  allowedOutcomes,
  answerAllows,
  conflictApplies,
  type GuideAnswers,
} from './constraints';

export type { GuideAnswers } from './constraints';

/** An outcome with the points the answers gave it. */
export type ScoredOutcome = GuideOutcome & { score: number };

/** One given answer, by id and by the words the guide shows. */
export type GivenAnswer = {
  questionId: string;
  question: string;
  answerId: string;
  answer: string;
};

/** How one answer moved the result. */
export type AnswerReason = GivenAnswer & {
  because: string;
  /** Points this answer gave each outcome, largest effect first. */
  moved: Array<{ outcome: string; points: number }>;
};

/** An outcome that a requirement among the answers rules out, and which. */
export type RuledOutOutcome = {
  outcome: string;
  title: string;
  by: Array<
    GivenAnswer & {
      because: string;
      /** Whether the answer excludes it, or requires something else. */
      rule: 'excludes' | 'requires';
    }
  >;
};

/** One answer changed to another that would leave an option standing. */
export type ConflictResolution = GivenAnswer & {
  /** The label of the answer given now. */
  instead: string;
  /** Outcome ids the changed answers would leave. */
  leaves: string[];
};

/** Why no outcome is left, and how to get one back. */
export type ConflictResult = {
  /** The given answers whose requirements clash. */
  answers: GivenAnswer[];
  /** How the guide says each applying conflict reads. */
  reads: string[];
  /** Single answer changes that would leave at least one outcome. */
  resolutions: ConflictResolution[];
};

/** An answer that would turn a tie into a recommendation. */
export type TieSeparator = GivenAnswer & {
  /** The outcome that answer would recommend. */
  favours: string;
  /** Whether the question is answered already (changing it) or still open. */
  change: boolean;
};

/** Outcomes sharing the top score, and the answers that would separate them. */
export type TieResult = {
  outcomes: ScoredOutcome[];
  separators: TieSeparator[];
};

/**
 * The outcome of a guide for a set of answers. Exactly one of three things:
 * a recommendation (one allowed outcome scores highest), a tie (two or more
 * allowed outcomes share the top score), or a conflict (the requirements
 * among the answers leave no outcome).
 */
export type Recommendation = {
  guide: string;
  status: 'recommended' | 'tie' | 'conflict';
  /** Only when status is "recommended". */
  recommended?: ScoredOutcome;
  /** The best allowed outcome after the recommended one. */
  runnerUp?: ScoredOutcome;
  /** Only when status is "tie". */
  tie?: TieResult;
  /** Only when status is "conflict". */
  conflict?: ConflictResult;
  /** Allowed outcomes, best first; ties in guide order. */
  ranking: Array<{ outcome: string; score: number }>;
  /** Outcomes the answers rule out, in guide order, with the answers that do. */
  ruledOut: RuledOutOutcome[];
  reasons: AnswerReason[];
  /**
   * One sentence on the result: "This gives X at the cost of Y; chosen
   * because Z." for a recommendation, what ties or what conflicts otherwise.
   */
  tradeOff: string;
  /** Only when status is "recommended": why, as a clause that can follow "because". */
  because?: string;
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

/** "1 point", "3 points", "-1 points". */
export const pointsText = (score: number) =>
  `${score} ${score === 1 ? 'point' : 'points'}`;

function checkAnswers(guide: DecisionGuideEntity, answers: GuideAnswers) {
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
}

/** Scores only: the recommended outcome id, or undefined on a tie or conflict. */
function winner(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
): string | undefined {
  const allowed = allowedOutcomes(guide, answers);
  if (allowed.length === 0) return undefined;
  const scores = new Map(allowed.map(id => [id, 0]));
  for (const question of guide.spec.questions) {
    const answer = question.answers.find(a => a.id === answers[question.id]);
    for (const [outcome, points] of Object.entries(answer?.scores ?? {})) {
      if (scores.has(outcome))
        scores.set(outcome, scores.get(outcome)! + points);
    }
  }
  const top = Math.max(...scores.values());
  const best = allowed.filter(id => scores.get(id) === top);
  return best.length === 1 ? best[0] : undefined;
}

/**
 * Recommends an outcome of a guide for a set of answers. Pure and
 * deterministic. Requirements apply first: an outcome that any answer
 * excludes, or that is not among what an answer requires, is ruled out.
 * The allowed outcome with the highest total score wins; when two or more
 * share the top score the result is a tie, and when nothing is allowed it
 * is a conflict. Unanswered questions count zero. Throws GuideAnswerError
 * naming the question or answer that is unknown.
 */
export function recommend(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
): Recommendation {
  checkAnswers(guide, answers);
  const byId = new Map(guide.spec.outcomes.map(o => [o.id, o]));

  const scores = new Map(guide.spec.outcomes.map(o => [o.id, 0]));
  const reasons: AnswerReason[] = [];
  const given: Array<{
    ref: GivenAnswer;
    answer: DecisionGuideEntity['spec']['questions'][number]['answers'][number];
  }> = [];
  for (const question of guide.spec.questions) {
    const answerId = answers[question.id];
    if (answerId === undefined) continue;
    const answer = question.answers.find(a => a.id === answerId)!;
    const ref: GivenAnswer = {
      questionId: question.id,
      question: question.text,
      answerId: answer.id,
      answer: answer.label,
    };
    given.push({ ref, answer });
    for (const [outcome, points] of Object.entries(answer.scores)) {
      scores.set(outcome, (scores.get(outcome) ?? 0) + points);
    }
    reasons.push({
      ...ref,
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

  const ruledOut: RuledOutOutcome[] = [];
  for (const outcome of guide.spec.outcomes) {
    const by = given
      .filter(({ answer }) => !answerAllows(answer, outcome.id))
      .map(({ ref, answer }) => ({
        ...ref,
        because: answer.because,
        rule: answer.excludes?.includes(outcome.id)
          ? ('excludes' as const)
          : ('requires' as const),
      }));
    if (by.length)
      ruledOut.push({ outcome: outcome.id, title: outcome.title, by });
  }
  const ruledOutIds = new Set(ruledOut.map(r => r.outcome));

  const ranking = guide.spec.outcomes
    .map((outcome, order) => ({
      outcome: outcome.id,
      score: scores.get(outcome.id)!,
      order,
    }))
    .filter(r => !ruledOutIds.has(r.outcome))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ outcome, score }) => ({ outcome, score }));
  const scored = (r: { outcome: string; score: number }): ScoredOutcome => ({
    ...byId.get(r.outcome)!,
    score: r.score,
  });
  const unanswered = guide.spec.questions
    .filter(q => answers[q.id] === undefined)
    .map(q => q.id);
  const base = {
    guide: guide.metadata.name,
    ranking,
    ruledOut,
    reasons,
    unanswered,
  };

  if (ranking.length === 0) {
    return {
      ...base,
      status: 'conflict',
      conflict: describeConflict(guide, answers, given),
      tradeOff: conflictSentence(guide, answers),
      templateValues: {},
    };
  }

  const top = ranking.filter(r => r.score === ranking[0].score);
  if (top.length > 1) {
    const outcomes = top.map(scored);
    return {
      ...base,
      status: 'tie',
      tie: { outcomes, separators: separators(guide, answers, top) },
      tradeOff: `${outcomes
        .map(o => o.title)
        .join(' and ')} tie at ${pointsText(outcomes[0].score)}; ${
        unanswered.length
          ? 'answering more questions can separate them'
          : 'changing an answer can separate them'
      }.`,
      templateValues: {},
    };
  }

  const recommended = scored(ranking[0]);
  const runnerUp = ranking[1] ? scored(ranking[1]) : undefined;

  // Template values come from the answers that argue for the winner (or are
  // neutral to it); where two disagree, the one arguing harder wins.
  const pointsFor = (reason: AnswerReason) =>
    reason.moved.find(m => m.outcome === recommended.id)?.points ?? 0;
  const answerById = new Map(given.map(g => [g.ref.questionId, g.answer]));
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
    .map(r => ({ r, points: pointsFor(r) }))
    .filter(x => x.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map(x => stripStop(x.r.because));
  let because = 'no answer so far argues for another option';
  if (decisive.length) because = decisive.join(', and ');
  else if (ruledOut.length)
    because = 'your requirements rule out the other options';

  return {
    ...base,
    status: 'recommended',
    recommended,
    runnerUp,
    because,
    tradeOff: `This gives ${stripStop(
      recommended.gives,
    )} at the cost of ${stripStop(
      recommended.costs,
    )}; chosen because ${because}.`,
    templateValues,
  };
}

function conflictSentence(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
): string {
  const reads = (guide.spec.conflicts ?? [])
    .filter(c => conflictApplies(c, answers))
    .map(c => stripStop(c.reads));
  return `No option meets every requirement in your answers: ${
    reads.length ? reads.join('; ') : 'they rule out every option'
  }.`;
}

function describeConflict(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
  given: Array<{
    ref: GivenAnswer;
    answer: { requires?: string[]; excludes?: string[] };
  }>,
): ConflictResult {
  const applying = (guide.spec.conflicts ?? []).filter(c =>
    conflictApplies(c, answers),
  );
  const named = new Set(applying.flatMap(c => Object.keys(c.when)));
  const clashing = given.filter(({ ref, answer }) =>
    named.size
      ? named.has(ref.questionId)
      : Boolean(answer.requires || answer.excludes),
  );
  const resolutions: ConflictResolution[] = [];
  for (const { ref } of given) {
    const question = guide.spec.questions.find(q => q.id === ref.questionId)!;
    for (const alternative of question.answers) {
      if (alternative.id === ref.answerId) continue;
      const leaves = allowedOutcomes(guide, {
        ...answers,
        [ref.questionId]: alternative.id,
      });
      if (leaves.length) {
        resolutions.push({
          questionId: ref.questionId,
          question: ref.question,
          answerId: alternative.id,
          answer: alternative.label,
          instead: ref.answer,
          leaves,
        });
      }
    }
  }
  return {
    answers: clashing.map(c => c.ref),
    reads: applying.map(c => c.reads),
    resolutions,
  };
}

/**
 * Answers that would make one of the tied outcomes the recommendation:
 * open questions first; when every question is answered, changed answers.
 */
function separators(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
  tied: Array<{ outcome: string }>,
): TieSeparator[] {
  const tiedIds = new Set(tied.map(t => t.outcome));
  const open = guide.spec.questions.filter(q => answers[q.id] === undefined);
  const change = open.length === 0;
  const found: TieSeparator[] = [];
  for (const question of change ? guide.spec.questions : open) {
    for (const answer of question.answers) {
      if (answer.id === answers[question.id]) continue;
      const favours = winner(guide, { ...answers, [question.id]: answer.id });
      if (favours && tiedIds.has(favours)) {
        found.push({
          questionId: question.id,
          question: question.text,
          answerId: answer.id,
          answer: answer.label,
          favours,
          change,
        });
      }
    }
  }
  return found;
}

import type {
  DecisionRecord,
  GuideTrail,
} from '../decisions/renderDecisionRecord';
import type { DecisionGuideEntity } from './DecisionGuideEntity';
import { pointsText, type Recommendation } from './recommend';

const stripStop = (text: string) => text.trim().replace(/[.;]+$/, '');

/**
 * The trail a guide leaves in a decision record: its questions and the
 * answers given, the options a requirement ruled out and by which answers,
 * and the runner-up. Works for every result, ties and conflicts included.
 */
export function guideTrail(
  guide: DecisionGuideEntity,
  recommendation: Recommendation,
): GuideTrail {
  const questions = new Map(guide.spec.questions.map(q => [q.id, q.text]));
  const { recommended, runnerUp, tie } = recommendation;
  let result: string;
  if (recommended) {
    result = `It recommended ${recommended.title} (${pointsText(
      recommended.score,
    )}).`;
  } else if (tie) {
    result = `It left ${tie.outcomes
      .map(o => o.title)
      .join(' and ')} tied at ${pointsText(tie.outcomes[0].score)}.`;
  } else {
    result = recommendation.tradeOff;
  }
  return {
    title: guide.metadata.title,
    result,
    answers: recommendation.reasons.map(r => ({
      question: r.question,
      answer: r.answer,
    })),
    open: recommendation.unanswered.map(id => questions.get(id) ?? id),
    ruledOut: recommendation.ruledOut.map(r => ({
      option: r.title,
      by: r.by.map(b => ({ question: b.question, answer: b.answer })),
    })),
    runnerUp:
      runnerUp &&
      recommended &&
      `${runnerUp.title} (${runnerUp.score} points against ${
        recommended.score
      }), which gives ${stripStop(runnerUp.gives)} at the cost of ${stripStop(
        runnerUp.costs,
      )}.`,
  };
}

/**
 * The decision record of a completed guide: the answers are the drivers,
 * the three best-scoring outcomes the options, the recommendation the
 * decision, and its trade-off the consequences.
 */
export function guideDecisionRecord(options: {
  guide: DecisionGuideEntity;
  recommendation: Recommendation;
  date: string;
  subject?: string;
}): DecisionRecord {
  const { guide, recommendation, date } = options;
  const { recommended } = recommendation;
  if (!recommended) {
    throw new Error(
      `The answers to guide "${guide.metadata.name}" end in a ${recommendation.status}, not a recommendation`,
    );
  }
  const outcomes = new Map(guide.spec.outcomes.map(o => [o.id, o]));
  const considered = recommendation.ranking
    .slice(0, 3)
    .map(r => outcomes.get(r.outcome)!);
  return {
    title: `${recommended.title} for ${
      options.subject ?? guide.metadata.title.toLocaleLowerCase('en-US')
    }`,
    status: 'proposed',
    date,
    context: `${stripStop(guide.metadata.description)}. The "${
      guide.metadata.title
    }" guide was answered as listed under the decision drivers; ${
      recommendation.unanswered.length
    } question(s) were left open.`,
    drivers: recommendation.reasons.map(
      r => `${r.question} ${r.answer}: ${stripStop(r.because)}`,
    ),
    options: [
      ...considered.map(outcome => ({
        title: outcome.title,
        summary: outcome.summary,
        good: [outcome.gives],
        bad: [outcome.costs],
      })),
      // Options a stated requirement ruled out were weighed too.
      ...recommendation.ruledOut.map(ruled => ({
        title: ruled.title,
        summary: outcomes.get(ruled.outcome)!.summary,
        good: [outcomes.get(ruled.outcome)!.gives],
        bad: ruled.by.map(
          b =>
            `the answer "${stripStop(b.answer)}" rules it out: ${stripStop(
              b.because,
            )}`,
        ),
      })),
    ],
    chosen: recommended.title,
    rationale: recommendation.because ?? 'the answers given support it',
    tradeOff: { gives: recommended.gives, costs: recommended.costs },
    consequences: {
      good: [stripStop(recommended.gives)],
      bad: [stripStop(recommended.costs)],
    },
    guide: guideTrail(guide, recommendation),
  };
}

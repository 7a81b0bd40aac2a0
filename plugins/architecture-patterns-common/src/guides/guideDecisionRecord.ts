import type { DecisionRecord } from '../decisions/renderDecisionRecord';
import type { DecisionGuideEntity } from './DecisionGuideEntity';
import type { Recommendation } from './recommend';

const stripStop = (text: string) => text.trim().replace(/[.;]+$/, '');

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
  const outcomes = new Map(guide.spec.outcomes.map(o => [o.id, o]));
  const considered = recommendation.ranking
    .slice(0, 3)
    .map(r => outcomes.get(r.outcome)!);
  const { recommended } = recommendation;
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
    options: considered.map(outcome => ({
      title: outcome.title,
      summary: outcome.summary,
      good: [`it gives ${stripStop(outcome.gives)}`],
      bad: [`it costs ${stripStop(outcome.costs)}`],
    })),
    chosen: recommended.title,
    rationale: recommendation.tradeOff
      .replace(/^This gives/, 'it gives')
      .replace(/\.$/, ''),
    consequences: {
      good: [stripStop(recommended.gives)],
      bad: [stripStop(recommended.costs)],
    },
  };
}

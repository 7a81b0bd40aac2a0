import type { ArchitecturePatternEntity } from '../entity/ArchitecturePatternEntity';
import type { DecisionRecord } from './renderDecisionRecord';

/**
 * Lowercases the first word so a sentence can follow "because", unless it
 * is an acronym or a name in camel case (AWS, SQL, I/O, EventBridge).
 */
const lowerFirst = (text: string) => {
  const trimmed = text.trimStart();
  return /^(?:A|[A-Z][a-z]+)(?![A-Za-z0-9])/.test(trimmed)
    ? trimmed[0].toLowerCase() + trimmed.slice(1)
    : trimmed;
};
const withoutStop = (text: string) => text.trim().replace(/[.;]+$/, '');

/**
 * Builds the decision record for adopting a pattern, weighing it against
 * alternatives (typically its related patterns), from the pattern data.
 */
export function patternDecisionRecord(options: {
  pattern: ArchitecturePatternEntity;
  alternatives: ArchitecturePatternEntity[];
  serviceName: string;
  context: string;
  /** Why the trade-off is acceptable for this service. */
  because: string;
  date: string;
  deciders?: string[];
  patternUrl?: string;
}): DecisionRecord {
  const { pattern, alternatives } = options;
  const main = pattern.spec.tradeOffs[0];
  const describe = (p: ArchitecturePatternEntity) => ({
    title: p.metadata.title,
    summary: p.metadata.description,
    good: p.spec.tradeOffs.map(t =>
      withoutStop(lowerFirst(`it gives ${t.gives}`)),
    ),
    bad: p.spec.tradeOffs.map(t =>
      withoutStop(lowerFirst(`it costs ${t.costs}`)),
    ),
  });
  return {
    title: `Use ${pattern.metadata.title} for ${options.serviceName}`,
    status: 'accepted',
    date: options.date,
    deciders: options.deciders,
    context: options.context,
    drivers: pattern.spec.whenToUse.map(withoutStop),
    options: [describe(pattern), ...alternatives.map(describe)],
    chosen: pattern.metadata.title,
    rationale: `this gives ${withoutStop(
      lowerFirst(main.gives),
    )} at the cost of ${withoutStop(
      lowerFirst(main.costs),
    )}; chosen because ${withoutStop(lowerFirst(options.because))}.`,
    consequences: {
      good: pattern.spec.benefits.map(b => withoutStop(lowerFirst(b))),
      bad: pattern.spec.tradeOffs.map(t => withoutStop(lowerFirst(t.costs))),
    },
    links: options.patternUrl
      ? [
          {
            title: `${pattern.metadata.title} in the pattern catalog`,
            url: options.patternUrl,
          },
        ]
      : undefined,
  };
}

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

/** How many alternatives a record weighs against the chosen pattern. */
const MAX_ALTERNATIVES = 2;

/**
 * Whether a pattern is something a service can adopt, rather than a
 * comparison of patterns or an overview of several.
 */
export function isAdoptablePattern(pattern: ArchitecturePatternEntity) {
  return (
    !(pattern.metadata.tags ?? []).includes('comparison') &&
    pattern.spec.category !== 'fundamentals'
  );
}

/**
 * Builds the decision record for adopting a pattern, weighing it against
 * up to two adoptable alternatives (typically from its related patterns),
 * from the pattern data.
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
    good: p.spec.tradeOffs.map(t => t.gives),
    bad: p.spec.tradeOffs.map(t => t.costs),
  });
  // Comparisons and overviews are topics to read, not options to adopt.
  const considered = alternatives
    .filter(
      p => p.metadata.name !== pattern.metadata.name && isAdoptablePattern(p),
    )
    .slice(0, MAX_ALTERNATIVES);
  return {
    title: `Use ${pattern.metadata.title} for ${options.serviceName}`,
    status: 'accepted',
    date: options.date,
    deciders: options.deciders,
    context: options.context,
    drivers: pattern.spec.whenToUse.map(withoutStop),
    options: [describe(pattern), ...considered.map(describe)],
    chosen: pattern.metadata.title,
    rationale: withoutStop(lowerFirst(options.because)),
    tradeOff: { gives: main.gives, costs: main.costs },
    consequences: {
      good: pattern.spec.benefits,
      bad: pattern.spec.tradeOffs.map(t => t.costs),
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

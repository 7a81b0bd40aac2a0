/** How much a broken rule matters: high breaks what the pattern is for. */
export const CONFORMANCE_SEVERITIES = ['high', 'medium', 'low'] as const;
export type ConformanceSeverity = (typeof CONFORMANCE_SEVERITIES)[number];

/** One defining property of a pattern, checked on synthesized CloudFormation. */
export type ConformanceRule = {
  /** The name of the cfn-guard rule that checks it, e.g. queue_has_dead_letter_queue. */
  id: string;
  /** One line a reader understands without the rule's code. */
  description: string;
  severity: ConformanceSeverity;
  /**
   * The pattern does not require what the rule checks (an optional part, such as a
   * relational database): when no template has it, the rule passes. By default a rule that
   * applies to no template fails.
   */
  optional?: boolean;
};

/** How a pattern's conformance is checked: its rules and their cfn-guard code. */
export type PatternConformance = {
  rules: ConformanceRule[];
  /** cfn-guard source defining one rule per entry of `rules`. */
  guard: string;
};

export const CONFORMANCE_STATUSES = [
  'conforming',
  'non-conforming',
  'not-checked',
] as const;
export type ConformanceStatus = (typeof CONFORMANCE_STATUSES)[number];

/** The latest verdict on one entity and one pattern it declares. */
export type ConformanceResult = {
  /** The implementing entity, e.g. component:default/orders. */
  entityRef: string;
  /** The pattern, e.g. architecturepattern:default/event-driven-basic. */
  patternRef: string;
  status: ConformanceStatus;
  /** Ids of the rules that failed (non-conforming only). */
  failingRules: string[];
  /** Why it was not checked, e.g. "synthesis failed: ..." (not-checked only). */
  reason?: string;
  /** The commit evaluated, when known. */
  commit?: string;
  /** ISO 8601 time of the evaluation. */
  checkedAt: string;
  /** Who evaluated it: the portal (local repositories) or the service's CI. */
  source: 'portal' | 'ci';
};

/** Body of POST /api/architecture-patterns/conformance/results, sent by a service's CI. */
export type ConformanceReport = {
  entityRef: string;
  patternRef: string;
  /** The full 40-character commit id the CI run checked. */
  commit: string;
  /** Rule ids that failed; an empty list means conforming. */
  failingRules: string[];
};

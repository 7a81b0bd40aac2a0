import type { GuideAnswers, Recommendation } from './recommend';

/** A set of answers to a guide and the result it must give. */
export type Scenario = {
  name: string;
  guide: string;
  answers: GuideAnswers;
  recommended: string;
  /** The best allowed outcome after it; undefined when nothing else is left. */
  runnerUp: string | undefined;
  pattern?: string;
  template?: string;
  templateValues?: Recommendation['templateValues'];
};

/**
 * The ten scenario questions of the interview guide, answered the way each
 * answer guide implies, and the outcome each one must produce.
 */
export const INTERVIEW_SCENARIOS: Scenario[] = [
  {
    name: '1. an order placed must reach several downstream services',
    guide: 'messaging-streaming',
    answers: {
      ordering: 'any-order',
      duplicates: 'harmless',
      consumers: 'several',
      routing: 'no-routing',
      volume: 'moderate',
    },
    recommended: 'sns-fan-out',
    // A single standard queue gives each message to one consumer only.
    runnerUp: 'eventbridge-rules',
    pattern: 'sns-sqs-fan-out',
    template: 'event-driven-service',
    templateValues: { queueType: 'standard', enableFanOut: true },
  },
  {
    name: '2. migrate a legacy monolith without a rewrite',
    guide: 'service-architecture',
    answers: {
      team: 'several-teams',
      'starting-point': 'legacy-monolith',
      scaling: 'uneven',
      'caller-waits': 'must-wait',
      surges: 'steady',
    },
    recommended: 'strangler-fig',
    runnerUp: 'microservices-alb',
    pattern: 'strangler-fig',
  },
  {
    name: '3. a regulated application that needs private tiers',
    guide: 'service-architecture',
    answers: {
      team: 'small-team',
      'starting-point': 'greenfield',
      'caller-waits': 'must-wait',
      consistency: 'single-transaction',
      'data-sensitivity': 'regulated',
    },
    recommended: 'three-tier',
    runnerUp: 'monolith',
    pattern: 'three-tier',
    template: 'three-tier-service',
    templateValues: { databaseEngine: 'aurora-postgresql' },
  },
  {
    name: '4a. partition: consistency over availability',
    guide: 'data-store',
    answers: { transactions: 'multi-record', partition: 'consistency' },
    recommended: 'sql-cp',
    runnerUp: 'both-cqrs',
    pattern: 'system-design-trade-offs',
  },
  {
    name: '4b. partition: availability over consistency',
    guide: 'data-store',
    answers: {
      transactions: 'single-item',
      scale: 'horizontal',
      partition: 'availability',
    },
    recommended: 'nosql-ap',
    runnerUp: 'both-cqrs',
    pattern: 'system-design-trade-offs',
  },
  {
    name: '5. a chain of slow synchronous calls',
    guide: 'service-architecture',
    answers: {
      team: 'several-teams',
      'starting-point': 'existing-services',
      'caller-waits': 'slow-chain',
      surges: 'steady',
    },
    recommended: 'circuit-breaker',
    runnerUp: 'microservices-alb',
    pattern: 'circuit-breaker',
  },
  {
    name: '6. global users; survive a region loss with near-zero RPO and RTO',
    guide: 'disaster-recovery',
    answers: {
      rpo: 'near-zero',
      rto: 'near-zero',
      budget: 'double',
      users: 'global',
    },
    recommended: 'active-active',
    // Near-zero RPO and RTO both require active-active; nothing else is left.
    runnerUp: undefined,
    pattern: 'multi-site-active-active-dr',
    template: 'active-active-service',
    templateValues: { routingPolicy: 'latency' },
  },
  {
    name: '7. strict per-entity ordering and no duplicates',
    guide: 'messaging-streaming',
    answers: {
      ordering: 'per-entity',
      duplicates: 'must-not-repeat',
      consumers: 'one',
      routing: 'no-routing',
      volume: 'moderate',
    },
    recommended: 'sqs-fifo',
    // A standard queue cannot keep order; an SNS FIFO topic can.
    runnerUp: 'sns-fan-out',
    pattern: 'fifo-ordering-idempotency',
    template: 'event-driven-service',
    templateValues: { queueType: 'fifo' },
  },
  {
    name: '8. a three-person team',
    guide: 'service-architecture',
    answers: {
      team: 'small-team',
      'starting-point': 'greenfield',
      scaling: 'uniform',
      'caller-waits': 'must-wait',
      consistency: 'single-transaction',
    },
    recommended: 'monolith',
    runnerUp: 'three-tier',
    pattern: 'monolith-vs-microservice',
  },
  {
    name: '9. reads vastly outnumber writes, in different shapes',
    guide: 'data-store',
    answers: {
      transactions: 'multi-record',
      partition: 'consistency',
      'read-write': 'read-heavy-reshaped',
    },
    recommended: 'both-cqrs',
    runnerUp: 'sql-cp',
    pattern: 'cqrs',
  },
  {
    name: '10. one transaction across order, payment and inventory services',
    guide: 'service-architecture',
    answers: {
      team: 'several-teams',
      'starting-point': 'existing-services',
      'caller-waits': 'ack-only',
      consistency: 'spans-services',
    },
    recommended: 'saga',
    runnerUp: 'event-driven',
    pattern: 'saga',
  },
];

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  decisionGuideEntityValidator,
  findGuideReferenceErrors,
  type DecisionGuideEntity,
} from './DecisionGuideEntity';
import {
  GuideAnswerError,
  recommend,
  type GuideAnswers,
  type Recommendation,
} from './recommend';
import { INTERVIEW_SCENARIOS, type Scenario } from './interviewScenarios';

const GUIDES_DIR = path.resolve(__dirname, '../../library/guides');
const PATTERNS_DIR = path.resolve(__dirname, '../../library/patterns');
const TEMPLATES_DIR = path.resolve(__dirname, '../../../../templates');

const GUIDE_NAMES = [
  'service-architecture',
  'disaster-recovery',
  'tenant-isolation',
  'data-store',
  'messaging-streaming',
  'hybrid-connectivity',
];

const guideFiles = fs
  .readdirSync(GUIDES_DIR)
  .filter(file => file.endsWith('.yaml'))
  .sort();

const guides = new Map<string, DecisionGuideEntity>(
  guideFiles.map(file => {
    const entity = parse(
      fs.readFileSync(path.join(GUIDES_DIR, file), 'utf8'),
    ) as DecisionGuideEntity;
    return [path.basename(file, '.yaml'), entity];
  }),
);

function guide(name: string): DecisionGuideEntity {
  const found = guides.get(name);
  if (!found) {
    throw new Error(`Guide ${name} is not in library/guides`);
  }
  return found;
}

const patternNames = new Set(
  fs
    .readdirSync(PATTERNS_DIR)
    .filter(file => file.endsWith('.yaml'))
    .map(file => parse(fs.readFileSync(path.join(PATTERNS_DIR, file), 'utf8')))
    .map(entity => entity.metadata.name as string),
);

type TemplateParameter = { type?: string; enum?: unknown[] };

/** Template folder name to the form parameters its template.yaml declares. */
const templates = new Map<string, Map<string, TemplateParameter>>(
  fs
    .readdirSync(TEMPLATES_DIR, { withFileTypes: true })
    .filter(
      entry =>
        entry.isDirectory() &&
        fs.existsSync(path.join(TEMPLATES_DIR, entry.name, 'template.yaml')),
    )
    .map(entry => {
      const template = parse(
        fs.readFileSync(
          path.join(TEMPLATES_DIR, entry.name, 'template.yaml'),
          'utf8',
        ),
      );
      const steps: Array<{ properties?: Record<string, TemplateParameter> }> = [
        template.spec?.parameters ?? [],
      ].flat();
      const parameters = new Map<string, TemplateParameter>();
      for (const step of steps) {
        for (const [key, value] of Object.entries(step.properties ?? {})) {
          parameters.set(key, value);
        }
      }
      return [entry.name, parameters];
    }),
);

/** Further cases per guide: every outcome, runners-up and template values. */
const GUIDE_CASES: Scenario[] = [
  // service-architecture
  {
    name: 'several teams with uneven load who need answers at once',
    guide: 'service-architecture',
    answers: {
      team: 'several-teams',
      scaling: 'uneven',
      'caller-waits': 'must-wait',
      consistency: 'eventual',
    },
    recommended: 'microservices-alb',
    // Same team and load, but no regulated data: no need for private tiers.
    runnerUp: 'three-tier-microservices',
    pattern: 'microservices-alb-path-routing',
  },
  {
    name: 'surging work that only needs an acknowledgement',
    guide: 'service-architecture',
    answers: {
      team: 'several-teams',
      'caller-waits': 'ack-only',
      surges: 'surges-no-loss',
      consistency: 'eventual',
    },
    recommended: 'event-driven',
    runnerUp: 'microservices-alb',
    pattern: 'event-driven-basic',
    template: 'event-driven-service',
    templateValues: {},
  },
  {
    name: 'a small team whose callers can wait still gets a queue',
    guide: 'service-architecture',
    answers: {
      team: 'small-team',
      'caller-waits': 'ack-only',
      surges: 'surges-no-loss',
    },
    recommended: 'event-driven',
    runnerUp: 'monolith',
  },
  {
    name: 'several teams with uneven load and regulated data',
    guide: 'service-architecture',
    answers: {
      team: 'several-teams',
      scaling: 'uneven',
      'caller-waits': 'must-wait',
      consistency: 'eventual',
      'data-sensitivity': 'regulated',
    },
    recommended: 'three-tier-microservices',
    runnerUp: 'three-tier',
    pattern: 'three-tier-microservices',
  },
  // disaster-recovery
  {
    name: 'hours of loss and downtime on a backup-only budget',
    guide: 'disaster-recovery',
    answers: {
      rpo: 'hours',
      rto: 'hours',
      budget: 'minimal',
      users: 'one-geography',
    },
    recommended: 'backup-restore',
    // A backup-only budget requires backup and restore.
    runnerUp: undefined,
    pattern: 'dr-backup-restore',
    templateValues: {},
  },
  {
    name: 'minutes of loss, tens of minutes down, a replicated database',
    guide: 'disaster-recovery',
    answers: {
      rpo: 'minutes',
      rto: 'tens-of-minutes',
      budget: 'data-tier',
      users: 'one-geography',
    },
    recommended: 'pilot-light',
    // Minutes of loss exclude backups; no idle servers exclude the rest.
    runnerUp: undefined,
    pattern: 'dr-pilot-light',
  },
  {
    name: 'seconds of loss, minutes down, audited recovery',
    guide: 'disaster-recovery',
    answers: {
      rpo: 'seconds',
      rto: 'minutes',
      budget: 'scaled-down-copy',
      regulatory: 'tested-recovery',
    },
    recommended: 'warm-standby',
    // Minutes of downtime exclude backups and pilot light; a scaled-down budget excludes active-active.
    runnerUp: undefined,
    pattern: 'dr-warm-standby',
  },
  {
    name: 'active-active inside the EU with weighted shifts',
    guide: 'disaster-recovery',
    answers: {
      rpo: 'seconds',
      rto: 'near-zero',
      budget: 'double',
      users: 'shared-load',
      regulatory: 'residency-eu',
    },
    recommended: 'active-active',
    // Near-zero downtime requires active-active.
    runnerUp: undefined,
    template: 'active-active-service',
    templateValues: {
      routingPolicy: 'weighted',
      primaryRegion: 'eu-west-1',
      secondaryRegion: 'eu-central-1',
    },
  },
  // tenant-isolation
  {
    name: 'regulated enterprise tenants',
    guide: 'tenant-isolation',
    answers: {
      regulation: 'dedicated-infrastructure',
      'tenant-count': 'tens',
      'cost-per-tenant': 'dedicated-affordable',
      'noisy-neighbours': 'guaranteed',
      onboarding: 'days',
    },
    recommended: 'silo',
    // Dedicated infrastructure is a requirement: only silo meets it.
    runnerUp: undefined,
    template: 'multi-tenant-saas-service',
    templateValues: { isolationModel: 'silo' },
  },
  {
    name: 'mid-market tenants with their own schemas',
    guide: 'tenant-isolation',
    answers: {
      regulation: 'separate-data',
      'tenant-count': 'hundreds',
      'cost-per-tenant': 'database-affordable',
      'noisy-neighbours': 'throttled',
      customisation: 'per-tenant-schema',
      onboarding: 'minutes',
    },
    recommended: 'bridge',
    // Separate data excludes pool; minutes to onboard exclude silo.
    runnerUp: undefined,
    template: 'multi-tenant-saas-service',
    templateValues: { isolationModel: 'bridge' },
  },
  {
    name: 'thousands of self-service, low-margin tenants',
    guide: 'tenant-isolation',
    answers: {
      regulation: 'logical',
      'tenant-count': 'thousands',
      'cost-per-tenant': 'near-zero',
      'noisy-neighbours': 'tolerated',
      customisation: 'configuration-only',
      onboarding: 'instant',
    },
    recommended: 'pool',
    runnerUp: 'bridge',
    template: 'multi-tenant-saas-service',
    templateValues: { isolationModel: 'pool' },
  },
  // data-store
  {
    name: 'the partition answer alone: consistency',
    guide: 'data-store',
    answers: { partition: 'consistency' },
    recommended: 'sql-cp',
    runnerUp: 'both-cqrs',
  },
  {
    name: 'the partition answer alone: availability',
    guide: 'data-store',
    answers: { partition: 'availability' },
    recommended: 'nosql-ap',
    runnerUp: 'both-cqrs',
  },
  {
    name: 'keyed, write-heavy data at scale',
    guide: 'data-store',
    answers: {
      transactions: 'single-item',
      joins: 'no-joins',
      scale: 'horizontal',
      'access-patterns': 'known',
      'read-write': 'write-heavy',
    },
    recommended: 'nosql-ap',
    runnerUp: 'both-cqrs',
  },
  {
    name: 'relational data with evolving questions',
    guide: 'data-store',
    answers: {
      transactions: 'multi-record',
      joins: 'joins',
      scale: 'one-writer',
      'access-patterns': 'evolving',
      'read-write': 'balanced',
    },
    recommended: 'sql-cp',
    runnerUp: 'both-cqrs',
  },
  // messaging-streaming
  {
    name: 'independent messages for one consumer',
    guide: 'messaging-streaming',
    answers: {
      ordering: 'any-order',
      duplicates: 'harmless',
      consumers: 'one',
      routing: 'no-routing',
      volume: 'moderate',
    },
    recommended: 'sqs-standard',
    runnerUp: 'sns-fan-out',
    pattern: 'event-driven-basic',
    template: 'event-driven-service',
    templateValues: { queueType: 'standard' },
  },
  {
    name: 'routing on event content',
    guide: 'messaging-streaming',
    answers: {
      consumers: 'several',
      routing: 'content-rules',
      volume: 'moderate',
    },
    recommended: 'eventbridge-rules',
    runnerUp: 'sns-fan-out',
    pattern: 'event-driven-advanced',
    template: 'event-driven-service',
    templateValues: { enableFanOut: true, enableEventBridge: true },
  },
  {
    name: 'windowed analytics without Kafka',
    guide: 'messaging-streaming',
    answers: {
      consumers: 'replay',
      volume: 'stream-analytics',
      kafka: 'no-kafka',
    },
    recommended: 'kinesis-flink',
    runnerUp: 'msk-flink',
    pattern: 'real-time-analytics-pipeline',
  },
  {
    name: 'windowed analytics by a Kafka team',
    guide: 'messaging-streaming',
    answers: {
      consumers: 'replay',
      volume: 'stream-analytics',
      kafka: 'kafka-skills',
    },
    recommended: 'msk-flink',
    runnerUp: 'kinesis-flink',
    pattern: 'real-time-analytics-pipeline',
  },
  {
    name: 'Kafka skills do not outweigh strict ordering at moderate volume',
    guide: 'messaging-streaming',
    answers: {
      ordering: 'per-entity',
      duplicates: 'must-not-repeat',
      consumers: 'one',
      volume: 'moderate',
      kafka: 'kafka-skills',
    },
    recommended: 'sqs-fifo',
    runnerUp: 'msk-flink',
    templateValues: { queueType: 'fifo' },
  },
  // hybrid-connectivity
  {
    name: 'a quick, cheap, modest link',
    guide: 'hybrid-connectivity',
    answers: {
      latency: 'best-effort',
      bandwidth: 'modest',
      cost: 'minimal',
      'setup-time': 'days',
    },
    recommended: 'site-to-site-vpn',
    // An hourly budget and a link within days leave only the VPN.
    runnerUp: undefined,
    pattern: 'hybrid-cloud',
  },
  {
    name: 'steady multi-gigabit traffic off the internet',
    guide: 'hybrid-connectivity',
    answers: {
      latency: 'predictable',
      bandwidth: 'multi-gigabit',
      cost: 'monthly-circuit',
      'setup-time': 'weeks',
      'data-residency': 'private-path',
    },
    recommended: 'direct-connect',
    // Private path excludes the VPN; a circuit budget excludes Outposts.
    runnerUp: undefined,
    pattern: 'hybrid-cloud',
  },
  {
    name: 'processing that must stay in the building',
    guide: 'hybrid-connectivity',
    answers: {
      latency: 'local',
      bandwidth: 'stays-local',
      cost: 'hardware-commitment',
      'data-residency': 'on-premises',
    },
    recommended: 'outposts',
    // On-premises processing requires Outposts.
    runnerUp: undefined,
    pattern: 'hybrid-cloud',
  },
];

const stripStop = (text: string) => text.trim().replace(/[.;]+$/, '');

/** The trade-off sentence the engine must write for a result. */
function expectedTradeOff(result: Recommendation): string {
  if (!result.recommended) return `(a ${result.status}, not a recommendation)`;
  const recommended = result.recommended;
  const reasons = result.reasons
    .map(r => ({
      because: stripStop(r.because),
      points: r.moved.find(m => m.outcome === recommended.id)?.points ?? 0,
    }))
    .filter(r => r.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 2)
    .map(r => r.because);
  const because = reasons.length
    ? reasons.join(', and ')
    : 'your requirements rule out the other options';
  return `This gives ${stripStop(recommended.gives)} at the cost of ${stripStop(
    recommended.costs,
  )}; chosen because ${because}.`;
}

/** What a scenario checks of a result; fields it leaves open stay undefined. */
function summarise(scenario: Scenario, result: Recommendation) {
  return {
    status: result.status,
    recommended: result.recommended?.id,
    runnerUp: result.runnerUp?.id,
    leadsRunnerUp:
      result.runnerUp === undefined ||
      result.recommended!.score > result.runnerUp.score,
    pattern: scenario.pattern && result.recommended?.pattern,
    template: scenario.template && result.recommended?.template,
    templateValues: scenario.templateValues && result.templateValues,
    tradeOff: result.tradeOff,
  };
}

function expected(scenario: Scenario, result: Recommendation) {
  return {
    status: 'recommended',
    recommended: scenario.recommended,
    runnerUp: scenario.runnerUp,
    leadsRunnerUp: true,
    pattern: scenario.pattern,
    template: scenario.template,
    templateValues: scenario.templateValues,
    tradeOff: expectedTradeOff(result),
  };
}

describe('decision guide library', () => {
  it('holds exactly the six guides, each named after its file', () => {
    expect(guideFiles.map(f => path.basename(f, '.yaml'))).toEqual(
      [...GUIDE_NAMES].sort(),
    );
    for (const [name, g] of guides) {
      expect(g.metadata.name).toBe(name);
    }
  });

  describe.each(GUIDE_NAMES)('%s', name => {
    const g = guide(name);

    it('is a valid DecisionGuide with no reference errors', () => {
      expect(decisionGuideEntityValidator(g)).toBe(g);
      expect(findGuideReferenceErrors(g)).toEqual([]);
      expect(g.apiVersion).toBe('architecture.platform.dev/v1alpha1');
      expect(g.kind).toBe('DecisionGuide');
      expect(g.spec.owner).toBe('group:default/platform-team');
    });

    it('asks 4 to 7 questions', () => {
      expect(g.spec.questions.length).toBeGreaterThanOrEqual(4);
      expect(g.spec.questions.length).toBeLessThanOrEqual(7);
    });

    it('recommends only patterns of the library and existing templates', () => {
      expect(
        g.spec.outcomes
          .filter(outcome => !patternNames.has(outcome.pattern))
          .map(outcome => `${outcome.id}: ${outcome.pattern}`),
      ).toEqual([]);
      expect(
        g.spec.outcomes
          .filter(
            outcome =>
              outcome.template !== undefined &&
              !templates.has(outcome.template),
          )
          .map(outcome => `${outcome.id}: ${outcome.template}`),
      ).toEqual([]);
    });

    it('sets only template values that a template of the guide accepts', () => {
      const parameters = g.spec.outcomes
        .filter(o => o.template !== undefined)
        .map(o => templates.get(o.template!)!);
      for (const question of g.spec.questions) {
        for (const answer of question.answers) {
          for (const [key, value] of Object.entries(
            answer.templateValues ?? {},
          )) {
            const at = `${question.id}.${answer.id}.${key}`;
            const accepted = parameters.some(p => {
              const parameter = p.get(key);
              if (!parameter) return false;
              if (parameter.enum) return parameter.enum.includes(value);
              const type =
                parameter.type === 'integer' ? 'number' : parameter.type;
              return type === undefined || typeof value === type;
            });
            expect({ at, accepted }).toEqual({ at, accepted: true });
          }
        }
      }
    });

    it('writes every because clause to follow "chosen because"', () => {
      for (const question of g.spec.questions) {
        for (const answer of question.answers) {
          const at = `${question.id}.${answer.id}`;
          expect({ at, because: /^[a-z]/.test(answer.because) }).toEqual({
            at,
            because: true,
          });
          expect({ at, stop: /[.;]\s*$/.test(answer.because) }).toEqual({
            at,
            stop: false,
          });
        }
      }
    });

    it('has a value per subject in every comparison, linked to library patterns', () => {
      expect(g.spec.comparisons?.length).toBeGreaterThan(0);
      for (const comparison of g.spec.comparisons ?? []) {
        for (const aspect of comparison.aspects) {
          expect({
            aspect: aspect.aspect,
            values: aspect.values.length,
          }).toEqual({
            aspect: aspect.aspect,
            values: comparison.subjects.length,
          });
        }
        for (const pattern of comparison.patterns ?? []) {
          expect({ pattern, known: patternNames.has(pattern) }).toEqual({
            pattern,
            known: true,
          });
        }
      }
    });

    it('has a case below that recommends each of its outcomes', () => {
      const covered = new Set(
        [...INTERVIEW_SCENARIOS, ...GUIDE_CASES]
          .filter(s => s.guide === name)
          .map(s => s.recommended),
      );
      expect([...covered].sort()).toEqual(
        g.spec.outcomes.map(o => o.id).sort(),
      );
    });

    it('reports a tie between every outcome, not its first one, when nothing is answered', () => {
      const result = recommend(g, {});
      expect(result.status).toBe('tie');
      expect(result.recommended).toBeUndefined();
      expect(result.tie!.outcomes.map(o => o.id)).toEqual(
        g.spec.outcomes.map(o => o.id),
      );
      expect(result.unanswered).toEqual(g.spec.questions.map(q => q.id));
      expect(result.ruledOut).toEqual([]);
      expect(result.templateValues).toEqual({});
      // Every separator named really makes its outcome the recommendation.
      expect(result.tie!.separators.length).toBeGreaterThan(0);
      for (const separator of result.tie!.separators) {
        const after = recommend(g, {
          [separator.questionId]: separator.answerId,
        });
        expect(after.recommended?.id).toBe(separator.favours);
      }
    });
  });

  describe('requirements in the data', () => {
    const hybrid = guide('hybrid-connectivity');
    const copy = (): DecisionGuideEntity => JSON.parse(JSON.stringify(hybrid));

    it('rejects a requirement naming an unknown outcome', () => {
      const g = copy();
      g.spec.questions[0].answers[0].requires = ['site-to-site-vpn', 'vpn'];
      g.spec.questions[0].answers[1].excludes = ['dx'];
      expect(findGuideReferenceErrors(g)).toEqual([
        'spec.questions[0].answers[0].requires names unknown outcome "vpn"',
        'spec.questions[0].answers[1].excludes names unknown outcome "dx"',
      ]);
    });

    it('rejects a combination that leaves no outcome unless a conflict says how it reads', () => {
      const g = copy();
      g.spec.conflicts = g.spec.conflicts!.filter(
        c => !('setup-time' in c.when && 'data-residency' in c.when),
      );
      const errors = findGuideReferenceErrors(g);
      expect(errors[0]).toBe(
        'spec.conflicts: the answers setup-time=days, data-residency=private-path leave no outcome, and no conflict says how that reads',
      );
      expect(errors.every(e => /setup-time=days/.test(e))).toBe(true);
    });

    it('rejects a conflict naming an answer that states no requirement', () => {
      const g = copy();
      g.spec.conflicts![0].when.bandwidth = ['modest'];
      expect(findGuideReferenceErrors(g)).toEqual([
        'spec.conflicts[0].when.bandwidth names "modest", which states no requirement',
      ]);
    });

    it('refuses to enumerate an unbounded number of requirement combinations', () => {
      const g = copy();
      g.spec.questions = Array.from({ length: 7 }, (_, q) => ({
        id: `q${q}`,
        text: 'Which?',
        answers: Array.from({ length: 6 }, (__, a) => ({
          id: `a${a}`,
          label: 'This',
          scores: {},
          because: 'it is so',
          excludes: ['outposts'],
        })),
      }));
      g.spec.conflicts = [];
      expect(findGuideReferenceErrors(g)).toEqual([
        'spec.questions: 823543 combinations of requirements are too many to check (at most 100000)',
      ]);
    });

    it('rejects a conflict naming an unknown question or answer', () => {
      const g = copy();
      g.spec.conflicts!.push({
        when: { speed: ['fast'], cost: ['cheap'] },
        reads: 'x',
      });
      expect(findGuideReferenceErrors(g)).toEqual([
        'spec.conflicts[6].when names unknown question "speed"',
        'spec.conflicts[6].when.cost names unknown answer "cheap"',
      ]);
    });

    it('has the schema reject a malformed requirement', () => {
      const g = copy();
      (g.spec.questions[0].answers[0] as any).requires = 'outposts';
      expect(() => decisionGuideEntityValidator(g)).toThrow(/requires/);
    });
  });

  it('compares monolith and microservices on all eight aspects of the reference table', () => {
    const comparison = guide('service-architecture').spec.comparisons!.find(
      c => c.id === 'monolith-vs-microservices',
    )!;
    expect(comparison.subjects).toEqual(['Monolith', 'Microservices']);
    expect(comparison.aspects.map(a => a.aspect)).toEqual([
      'Deployment',
      'Scaling',
      'Tech stack',
      'Database',
      'Team structure',
      'Complexity',
      'Failure impact',
      'Best for',
    ]);
    expect(comparison.patterns).toContain('monolith-vs-microservice');
    const sync = guide('service-architecture').spec.comparisons!.find(
      c => c.id === 'sync-vs-event-driven',
    )!;
    expect(sync.patterns).toContain('microservice-vs-event-driven');
  });

  it('compares the four DR strategies on RPO, RTO, cost, complexity and the second Region', () => {
    const comparison = guide('disaster-recovery').spec.comparisons![0];
    expect(comparison.subjects).toHaveLength(4);
    expect(comparison.aspects.map(a => a.aspect)).toEqual(
      expect.arrayContaining([
        'Recovery point (RPO)',
        'Recovery time (RTO)',
        'Relative cost',
        'Complexity',
        'Running in the second Region',
      ]),
    );
  });
});

describe('recommend: the ten interview scenarios', () => {
  it.each(INTERVIEW_SCENARIOS.map(s => [s.name, s] as const))(
    '%s',
    (_, scenario) => {
      const result = recommend(guide(scenario.guide), scenario.answers);
      expect(summarise(scenario, result)).toEqual(expected(scenario, result));
    },
  );
});

describe('recommend: further cases per guide', () => {
  it.each(GUIDE_CASES.map(s => [`${s.guide}: ${s.name}`, s] as const))(
    '%s',
    (_, scenario) => {
      const result = recommend(guide(scenario.guide), scenario.answers);
      expect(summarise(scenario, result)).toEqual(expected(scenario, result));
    },
  );

  it('has at least three cases for every guide', () => {
    for (const name of GUIDE_NAMES) {
      expect({
        name,
        enough: GUIDE_CASES.filter(s => s.guide === name).length >= 3,
      }).toEqual({ name, enough: true });
    }
  });

  it('keeps isolationModel in line with the recommended tenant model', () => {
    for (const scenario of GUIDE_CASES.filter(
      s => s.guide === 'tenant-isolation',
    )) {
      const result = recommend(guide('tenant-isolation'), scenario.answers);
      expect(result.templateValues.isolationModel).toBe(result.recommended!.id);
    }
  });

  it.each([
    ['starting-point', 'legacy-monolith', 'strangler-fig'],
    ['caller-waits', 'slow-chain', 'circuit-breaker'],
    ['consistency', 'spans-services', 'saga'],
  ])(
    'service-architecture: %s=%s recommends %s whatever the other, non-decisive answers',
    (questionId, answerId, outcome) => {
      const g = guide('service-architecture');
      const decisive: Array<[string, string]> = [
        ['starting-point', 'legacy-monolith'],
        ['caller-waits', 'slow-chain'],
        ['consistency', 'spans-services'],
        ['data-sensitivity', 'regulated'],
      ];
      const others = g.spec.questions.filter(q => q.id !== questionId);
      let combinations: GuideAnswers[] = [{ [questionId]: answerId }];
      for (const question of others) {
        combinations = combinations.flatMap(answers => [
          answers,
          ...question.answers
            .filter(
              a =>
                !decisive.some(([q, id]) => q === question.id && id === a.id),
            )
            .map(a => ({ ...answers, [question.id]: a.id })),
        ]);
      }
      const misses = combinations.filter(
        answers => recommend(g, answers).recommended?.id !== outcome,
      );
      expect(combinations.length).toBeGreaterThan(500);
      expect(misses).toEqual([]);
    },
  );

  it('service-architecture: regulated data keeps private tiers, split into services only for several teams with uneven load and no shared transaction', () => {
    const g = guide('service-architecture');
    const fixed = {
      'data-sensitivity': 'regulated',
      'starting-point': 'greenfield',
      'caller-waits': 'must-wait',
    };
    for (const team of ['small-team', 'several-teams']) {
      for (const scaling of ['uniform', 'uneven', 'read-write-asymmetry']) {
        for (const surges of ['steady', 'surges-no-loss']) {
          for (const consistency of ['single-transaction', 'eventual']) {
            const answers = { ...fixed, team, scaling, surges, consistency };
            const split =
              team === 'several-teams' &&
              scaling !== 'uniform' &&
              consistency === 'eventual';
            expect({
              answers,
              id: recommend(g, answers).recommended?.id,
            }).toEqual({
              answers,
              id: split ? 'three-tier-microservices' : 'three-tier',
            });
          }
        }
      }
    }
  });
});

describe('recommend: engine behaviour', () => {
  const g = guide('service-architecture');

  it('rejects an unknown question, naming the field', () => {
    expect(() => recommend(g, { 'team-size': 'small-team' })).toThrow(
      GuideAnswerError,
    );
    expect(() => recommend(g, { 'team-size': 'small-team' })).toThrow(
      /^answers\.team-size: "team-size" is not a question of guide "service-architecture"$/,
    );
  });

  it('rejects an unknown answer, naming the field and the valid answers', () => {
    let error: unknown;
    try {
      recommend(g, { team: 'small-team', consistency: 'serializable' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuideAnswerError);
    expect((error as Error).name).toBe('InputError');
    expect((error as Error).message).toBe(
      'answers.consistency: "serializable" is not an answer to "consistency" (expected one of single-transaction, eventual, spans-services)',
    );
  });

  it('rejects answers of another guide', () => {
    expect(() =>
      recommend(guide('data-store'), INTERVIEW_SCENARIOS[0].answers),
    ).toThrow(/^answers\.ordering: /);
  });

  it('is deterministic and ignores the order of the answer keys', () => {
    for (const scenario of [...INTERVIEW_SCENARIOS, ...GUIDE_CASES]) {
      const gd = guide(scenario.guide);
      const first = recommend(gd, scenario.answers);
      const again = recommend(gd, { ...scenario.answers });
      const reversed = recommend(
        gd,
        Object.fromEntries(Object.entries(scenario.answers).reverse()),
      );
      expect(again).toEqual(first);
      expect(reversed).toEqual(first);
    }
  });

  it('does not change the guide it reads', () => {
    const before = JSON.stringify(g);
    recommend(g, INTERVIEW_SCENARIOS[1].answers);
    expect(JSON.stringify(g)).toBe(before);
  });

  it('reports a tie as a tie, whatever order the outcomes are listed in', () => {
    // A greenfield start gives monolith and three-tier one point each.
    const tied = recommend(g, { 'starting-point': 'greenfield' });
    expect(tied.status).toBe('tie');
    expect(tied.recommended).toBeUndefined();
    expect(tied.tie!.outcomes.map(o => [o.id, o.score])).toEqual([
      ['monolith', 1],
      ['three-tier', 1],
    ]);
    expect(tied.tradeOff).toBe(
      'A well-structured (modular) monolith and Three-tier application with private tiers tie at 1 point; answering more questions can separate them.',
    );
    // Regulated data is one answer that separates them, in favour of three-tier.
    expect(tied.tie!.separators).toContainEqual(
      expect.objectContaining({
        questionId: 'data-sensitivity',
        answerId: 'regulated',
        favours: 'three-tier',
        change: false,
      }),
    );
    const reordered: DecisionGuideEntity = {
      ...g,
      spec: { ...g.spec, outcomes: [...g.spec.outcomes].reverse() },
    };
    const flipped = recommend(reordered, { 'starting-point': 'greenfield' });
    expect(flipped.status).toBe('tie');
    expect(flipped.tie!.outcomes.map(o => o.id).sort()).toEqual([
      'monolith',
      'three-tier',
    ]);
  });

  it('applies requirements before scores and names the answer that ruled each option out', () => {
    // Backup and restore scores highest here (5 + 5 - 3 = 7), but its own
    // recovery point is hours and the answer asks for minutes.
    const dr = guide('disaster-recovery');
    const result = recommend(dr, { rpo: 'minutes', rto: 'hours' });
    expect(result.ruledOut).toEqual([
      {
        outcome: 'backup-restore',
        title: 'Backup and restore',
        by: [
          expect.objectContaining({
            questionId: 'rpo',
            answerId: 'minutes',
            rule: 'excludes',
          }),
        ],
      },
    ]);
    expect(result.ranking.map(r => r.outcome)).not.toContain('backup-restore');
    expect(result.status).toBe('recommended');
    expect(result.recommended!.id).toBe('pilot-light');
  });

  it('says "requires" when an answer rules an option out by requiring another', () => {
    const result = recommend(guide('tenant-isolation'), {
      regulation: 'dedicated-infrastructure',
    });
    expect(result.recommended!.id).toBe('silo');
    expect(result.runnerUp).toBeUndefined();
    expect(
      result.ruledOut.map(r => [r.outcome, r.by.map(b => b.rule)]),
    ).toEqual([
      ['bridge', ['requires']],
      ['pool', ['requires']],
    ]);
  });

  it('reports a conflict, with how it reads and what resolves it, instead of recommending', () => {
    const hybrid = guide('hybrid-connectivity');
    const answers = { 'setup-time': 'days', 'data-residency': 'private-path' };
    const result = recommend(hybrid, answers);
    expect(result.status).toBe('conflict');
    expect(result.recommended).toBeUndefined();
    expect(result.runnerUp).toBeUndefined();
    expect(result.ranking).toEqual([]);
    expect(result.templateValues).toEqual({});
    expect(result.conflict!.answers.map(a => a.questionId)).toEqual([
      'setup-time',
      'data-residency',
    ]);
    expect(result.conflict!.reads).toHaveLength(1);
    expect(result.tradeOff).toMatch(
      /^No option meets every requirement in your answers: a path that avoids the public internet/,
    );
    // Waiting weeks, or allowing an encrypted path over the internet, resolves it.
    expect(
      result.conflict!.resolutions.map(r => [
        r.questionId,
        r.answerId,
        r.leaves,
      ]),
    ).toEqual([
      ['setup-time', 'weeks', ['direct-connect', 'outposts']],
      ['data-residency', 'in-region', ['site-to-site-vpn']],
    ]);
    for (const resolution of result.conflict!.resolutions) {
      const after = recommend(hybrid, {
        ...answers,
        [resolution.questionId]: resolution.answerId,
      });
      expect(after.status).not.toBe('conflict');
    }
    // Every option is listed with the answer that ruled it out.
    expect(result.ruledOut.map(r => r.outcome)).toEqual(
      hybrid.spec.outcomes.map(o => o.id),
    );
  });

  it('answers the three examples of issue 10 with a constraint-respecting result or a conflict', () => {
    const dr = recommend(guide('disaster-recovery'), {
      rpo: 'minutes',
      rto: 'hours',
      budget: 'minimal',
    });
    expect(dr.status).toBe('conflict');
    expect(dr.conflict!.resolutions).toContainEqual(
      expect.objectContaining({
        questionId: 'budget',
        answerId: 'data-tier',
        leaves: ['pilot-light'],
      }),
    );
    const tenant = recommend(guide('tenant-isolation'), {
      regulation: 'dedicated-infrastructure',
      'cost-per-tenant': 'near-zero',
      onboarding: 'instant',
    });
    expect(tenant.status).toBe('conflict');
    expect(tenant.conflict!.reads.length).toBeGreaterThanOrEqual(2);
    const hybrid = recommend(guide('hybrid-connectivity'), {
      'setup-time': 'days',
      'data-residency': 'private-path',
    });
    expect(hybrid.status).toBe('conflict');
  });

  it('writes the trade-off sentence from gives, costs and the two strongest reasons', () => {
    const result = recommend(g, INTERVIEW_SCENARIOS[8].answers);
    expect(result.recommended!.id).toBe('monolith');
    expect(result.tradeOff).toBe(
      'This gives one codebase, one pipeline and local ACID transactions that a small team can run and debug ' +
        'at the cost of releases that ship everything together and scaling the whole application when one module is busy; ' +
        'chosen because a handful of engineers cannot also staff the pipelines, tracing and on-call that many separate services demand, ' +
        'and the whole application can scale as one unit without paying for idle copies of quiet modules.',
    );
    for (const scenario of [...INTERVIEW_SCENARIOS, ...GUIDE_CASES]) {
      expect(
        recommend(guide(scenario.guide), scenario.answers).tradeOff,
      ).toMatch(
        /^This gives [^;]+ at the cost of [^;]+; chosen because [^;]+[^.]\.$/,
      );
    }
  });

  it('lists the reasons in question order with the points each answer moved', () => {
    const result = recommend(g, INTERVIEW_SCENARIOS[8].answers);
    expect(result.reasons.map(r => r.questionId)).toEqual([
      'team',
      'starting-point',
      'scaling',
      'caller-waits',
      'consistency',
    ]);
    expect(result.reasons[0].moved[0]).toEqual({
      outcome: 'monolith',
      points: 3,
    });
    expect(result.unanswered).toEqual(['surges', 'data-sensitivity']);
  });

  it('merges template values of later answers over earlier ones', () => {
    const result = recommend(guide('messaging-streaming'), {
      ordering: 'any-order',
      duplicates: 'must-not-repeat',
    });
    expect(result.templateValues).toEqual({ queueType: 'fifo' });
  });
});

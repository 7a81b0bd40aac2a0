import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DECISION_GUIDE_KIND,
  DecisionGuideEntity,
  GivenAnswer,
  GuideAnswerError,
  isDecisionGuideEntity,
  ScoredOutcome,
  recommend,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/**
 * Registers `recommend-architecture`: the same recommendation the portal's
 * decision guides give, for tools and assistants (for example over MCP).
 */
export function registerRecommendAction(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
}) {
  const { actionsRegistry, catalog } = options;
  actionsRegistry.register({
    name: 'recommend-architecture',
    title: 'Recommend an architecture pattern',
    description:
      "Answers one of the portal's decision guides (the DecisionGuide entities of the catalog; a name that is none of them fails with the list of guide names) and returns the same structured result as the portal's guide page. status is 'recommended' (recommended pattern, runner-up, trade-off), 'tie' (the tied options and the answers that would separate them; nothing is recommended) or 'conflict' (the answers whose requirements leave no option, how that reads, and the single answer changes that would resolve it; nothing is recommended). ruledOut lists every option a stated requirement excluded, with the answer that did. List a guide's questions and answer ids by calling it with no answers.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          guide: z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
            .describe(
              'Name of the DecisionGuide entity, e.g. service-architecture.',
            ),
          answers: z
            .record(z.string(), z.string())
            .default({})
            .describe('Question id to answer id.'),
        }),
      output: z => {
        const outcome = z.object({
          outcome: z.string(),
          title: z.string(),
          pattern: z.string(),
          template: z.string().optional(),
          score: z.number(),
        });
        const answer = z.object({
          questionId: z.string(),
          question: z.string(),
          answerId: z.string(),
          answer: z.string(),
        });
        return z.object({
          status: z
            .enum(['recommended', 'tie', 'conflict'])
            .describe('Only "recommended" names a recommendation.'),
          recommended: outcome.optional(),
          runnerUp: outcome.optional(),
          tie: z
            .object({
              outcomes: z.array(outcome),
              separators: z.array(
                answer.extend({
                  favours: z.string(),
                  change: z
                    .boolean()
                    .describe(
                      'true: change a given answer; false: answer an open question.',
                    ),
                }),
              ),
            })
            .optional(),
          conflict: z
            .object({
              answers: z.array(answer),
              reads: z.array(z.string()),
              resolutions: z.array(
                answer.extend({
                  instead: z.string(),
                  leaves: z.array(z.string()),
                }),
              ),
            })
            .optional(),
          ruledOut: z.array(
            z.object({
              outcome: z.string(),
              title: z.string(),
              by: z.array(
                answer.extend({
                  because: z.string(),
                  rule: z.enum(['excludes', 'requires']),
                }),
              ),
            }),
          ),
          tradeOff: z.string(),
          reasons: z.array(
            z.object({
              question: z.string(),
              answer: z.string(),
              because: z.string(),
            }),
          ),
          unanswered: z.array(
            z.object({
              id: z.string(),
              text: z.string(),
              answers: z.array(z.object({ id: z.string(), label: z.string() })),
            }),
          ),
          templateValues: z.record(
            z.string(),
            z.union([z.string(), z.number(), z.boolean()]),
          ),
        });
      },
    },
    action: async ({ input, credentials }) => {
      const entity = await catalog.getEntityByRef(
        {
          kind: DECISION_GUIDE_KIND,
          namespace: DEFAULT_NAMESPACE,
          name: input.guide,
        },
        { credentials },
      );
      if (!entity || !isDecisionGuideEntity(entity)) {
        const { items } = await catalog.getEntities(
          {
            filter: { kind: DECISION_GUIDE_KIND },
            fields: ['metadata.name'],
          },
          { credentials },
        );
        const names = items.map(guide => guide.metadata.name).sort();
        throw new NotFoundError(
          `guide: no decision guide named "${input.guide}"; the guides are ${
            names.join(', ') || 'none yet'
          }`,
        );
      }
      const guide = entity as DecisionGuideEntity;
      let result;
      try {
        result = recommend(guide, input.answers);
      } catch (error) {
        if (error instanceof GuideAnswerError)
          throw new InputError(error.message);
        throw error;
      }
      const questions = new Map(guide.spec.questions.map(q => [q.id, q]));
      const outcome = (o: ScoredOutcome) => ({
        outcome: o.id,
        title: o.title,
        pattern: o.pattern,
        template: o.template,
        score: o.score,
      });
      const answer = (a: GivenAnswer) => ({
        questionId: a.questionId,
        question: a.question,
        answerId: a.answerId,
        answer: a.answer,
      });
      return {
        output: {
          status: result.status,
          recommended: result.recommended && outcome(result.recommended),
          runnerUp: result.runnerUp && outcome(result.runnerUp),
          tie: result.tie && {
            outcomes: result.tie.outcomes.map(outcome),
            separators: result.tie.separators.map(s => ({
              ...answer(s),
              favours: s.favours,
              change: s.change,
            })),
          },
          conflict: result.conflict && {
            answers: result.conflict.answers.map(answer),
            reads: result.conflict.reads,
            resolutions: result.conflict.resolutions.map(r => ({
              ...answer(r),
              instead: r.instead,
              leaves: r.leaves,
            })),
          },
          ruledOut: result.ruledOut.map(r => ({
            outcome: r.outcome,
            title: r.title,
            by: r.by.map(b => ({
              ...answer(b),
              because: b.because,
              rule: b.rule,
            })),
          })),
          tradeOff: result.tradeOff,
          reasons: result.reasons.map(r => ({
            question: r.question,
            answer: r.answer,
            because: r.because,
          })),
          unanswered: result.unanswered.map(id => {
            const q = questions.get(id)!;
            return {
              id,
              text: q.text,
              answers: q.answers.map(a => ({ id: a.id, label: a.label })),
            };
          }),
          templateValues: result.templateValues,
        },
      };
    },
  });
}

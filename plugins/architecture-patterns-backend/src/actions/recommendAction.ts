import { InputError, NotFoundError } from '@backstage/errors';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DECISION_GUIDE_KIND,
  DecisionGuideEntity,
  GuideAnswerError,
  isDecisionGuideEntity,
  recommend,
} from '@internal/backstage-plugin-architecture-patterns-common';

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
      "Answers a decision guide (service-architecture, disaster-recovery, tenant-isolation, data-store, messaging-streaming, hybrid-connectivity) and returns the recommended pattern, the runner-up, the trade-off and the reason behind each answer. List a guide's questions and answer ids by calling it with no answers.",
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
      output: z =>
        z.object({
          recommended: z.object({
            outcome: z.string(),
            title: z.string(),
            pattern: z.string(),
            template: z.string().optional(),
          }),
          runnerUp: z
            .object({
              outcome: z.string(),
              title: z.string(),
              pattern: z.string(),
            })
            .optional(),
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
        }),
    },
    action: async ({ input, credentials }) => {
      const entity = await catalog.getEntityByRef(
        { kind: DECISION_GUIDE_KIND, namespace: 'default', name: input.guide },
        { credentials },
      );
      if (!entity || !isDecisionGuideEntity(entity)) {
        throw new NotFoundError(
          `guide: no decision guide named "${input.guide}"`,
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
      return {
        output: {
          recommended: {
            outcome: result.recommended.id,
            title: result.recommended.title,
            pattern: result.recommended.pattern,
            template: result.recommended.template,
          },
          runnerUp: result.runnerUp && {
            outcome: result.runnerUp.id,
            title: result.runnerUp.title,
            pattern: result.runnerUp.pattern,
          },
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

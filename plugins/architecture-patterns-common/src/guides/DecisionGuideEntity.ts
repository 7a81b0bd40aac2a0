import type { Entity } from '@backstage/catalog-model';
import { entityKindSchemaValidator } from '@backstage/catalog-model';
import schema from '../schema/DecisionGuide.v1alpha1.schema.json';

/** The catalog kind of decision guides. */
export const DECISION_GUIDE_KIND = 'DecisionGuide' as const;

/** One option a guide can recommend. */
export type GuideOutcome = {
  id: string;
  title: string;
  pattern: string;
  summary?: string;
  gives: string;
  costs: string;
  template?: string;
};

/** One answer to a guide question and how it weighs each outcome. */
export type GuideAnswer = {
  id: string;
  label: string;
  scores: Record<string, number>;
  because: string;
  templateValues?: Record<string, string | number | boolean>;
};

/** One question of a guide. */
export type GuideQuestion = {
  id: string;
  text: string;
  help?: string;
  answers: GuideAnswer[];
};

/** A side-by-side comparison a guide offers. */
export type GuideComparison = {
  id: string;
  title: string;
  subjects: string[];
  aspects: Array<{ aspect: string; values: string[] }>;
  patterns?: string[];
};

/** The catalog entity of a decision guide. */
export type DecisionGuideEntity = Entity & {
  kind: typeof DECISION_GUIDE_KIND;
  metadata: Entity['metadata'] & { title: string; description: string };
  spec: {
    owner: string;
    outcomes: GuideOutcome[];
    questions: GuideQuestion[];
    comparisons?: GuideComparison[];
  };
};

/** Whether an entity is a decision guide. */
export function isDecisionGuideEntity(
  entity: Entity,
): entity is DecisionGuideEntity {
  return entity.kind.toLocaleLowerCase('en-US') === 'decisionguide';
}

/** Validates an entity against the DecisionGuide schema (see the pattern validator). */
export const decisionGuideEntityValidator =
  entityKindSchemaValidator<DecisionGuideEntity>(schema);

/**
 * Checks what the schema cannot: unique ids, and that every score names an
 * outcome of the guide. Returns one message per problem, naming the field.
 */
export function findGuideReferenceErrors(guide: DecisionGuideEntity): string[] {
  const errors: string[] = [];
  const outcomes = new Set<string>();
  guide.spec.outcomes.forEach((outcome, i) => {
    if (outcomes.has(outcome.id))
      errors.push(`spec.outcomes[${i}].id "${outcome.id}" is not unique`);
    outcomes.add(outcome.id);
  });
  const questions = new Set<string>();
  guide.spec.questions.forEach((question, q) => {
    if (questions.has(question.id))
      errors.push(`spec.questions[${q}].id "${question.id}" is not unique`);
    questions.add(question.id);
    const answers = new Set<string>();
    question.answers.forEach((answer, a) => {
      const at = `spec.questions[${q}].answers[${a}]`;
      if (answers.has(answer.id))
        errors.push(`${at}.id "${answer.id}" is not unique`);
      answers.add(answer.id);
      for (const outcome of Object.keys(answer.scores)) {
        if (!outcomes.has(outcome))
          errors.push(`${at}.scores names unknown outcome "${outcome}"`);
      }
    });
  });
  return errors;
}

import type { Entity } from '@backstage/catalog-model';
import { entityKindSchemaValidator } from '@backstage/catalog-model';
import schema from '../schema/DecisionGuide.v1alpha1.schema.json';
import {
  allowedOutcomes,
  conflictApplies,
  enumerateAnswerSets,
  isRequirement,
} from './constraints';

/** The most requirement combinations the reference check enumerates. */
const MAX_REQUIREMENT_COMBINATIONS = 100_000;

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
  /**
   * A hard requirement: the recommendation must be one of these outcomes,
   * whatever the scores say.
   */
  requires?: string[];
  /** A hard requirement: these outcomes cannot be recommended at all. */
  excludes?: string[];
  templateValues?: Record<string, string | number | boolean>;
};

/**
 * A combination of answers whose requirements leave no outcome, and how
 * that conflict reads to the person answering. It applies when, for every
 * question it names, the given answer is one of the listed answers.
 */
export type GuideConflict = {
  when: Record<string, string[]>;
  reads: string;
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
    conflicts?: GuideConflict[];
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
      for (const field of ['requires', 'excludes'] as const) {
        for (const outcome of answer[field] ?? []) {
          if (!outcomes.has(outcome))
            errors.push(`${at}.${field} names unknown outcome "${outcome}"`);
        }
      }
      const both = (answer.requires ?? []).filter(o =>
        (answer.excludes ?? []).includes(o),
      );
      if (both.length)
        errors.push(
          `${at} both requires and excludes ${both
            .map(o => `"${o}"`)
            .join(', ')}`,
        );
    });
  });
  (guide.spec.conflicts ?? []).forEach((conflict, c) => {
    for (const [questionId, answerIds] of Object.entries(conflict.when)) {
      const question = guide.spec.questions.find(q => q.id === questionId);
      if (!question) {
        errors.push(
          `spec.conflicts[${c}].when names unknown question "${questionId}"`,
        );
        continue;
      }
      for (const answerId of answerIds) {
        const answer = question.answers.find(a => a.id === answerId);
        if (!answer)
          errors.push(
            `spec.conflicts[${c}].when.${questionId} names unknown answer "${answerId}"`,
          );
        else if (!isRequirement(answer))
          errors.push(
            `spec.conflicts[${c}].when.${questionId} names "${answerId}", which states no requirement`,
          );
      }
    }
  });
  if (errors.length) return errors;

  // Every combination of answers (questions may be skipped) that leaves no
  // outcome must be covered by a declared conflict, so that the result can
  // say how it reads. Only answers that state a requirement change what is
  // left, and conflicts name only those, so enumerating them is exhaustive.
  const combinations = guide.spec.questions.reduce(
    (n, q) => n * (q.answers.filter(isRequirement).length + 1),
    1,
  );
  if (combinations > MAX_REQUIREMENT_COMBINATIONS) {
    errors.push(
      `spec.questions: ${combinations} combinations of requirements are too many to check (at most ${MAX_REQUIREMENT_COMBINATIONS})`,
    );
    return errors;
  }
  for (const answers of enumerateAnswerSets(guide, isRequirement)) {
    if (allowedOutcomes(guide, answers).length > 0) continue;
    if ((guide.spec.conflicts ?? []).some(c => conflictApplies(c, answers)))
      continue;
    errors.push(
      `spec.conflicts: the answers ${Object.entries(answers)
        .map(([q, a]) => `${q}=${a}`)
        .join(', ')} leave no outcome, and no conflict says how that reads`,
    );
    if (errors.length >= 10) break;
  }
  return errors;
}

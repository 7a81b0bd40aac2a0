import fs from 'fs-extra';
import path from 'path';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ArchitecturePatternEntity,
  checkRelativePath,
  GuideAnswerError,
  guideTrail,
  patternDecisionRecord,
  recommend,
  renderDecisionRecord,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { findGuide, findPattern } from '../catalogEntities';
import { decisionMakers } from './decisionMakers';
import { examples } from './writeDecisionRecord.examples';

/**
 * `architecture:decision-record:write`: writes an architecture decision
 * record (MADR) for adopting a pattern into the workspace, weighing it
 * against its related patterns with the trade-offs from the catalog.
 */
export function createWriteDecisionRecordAction(options: {
  catalog: CatalogService;
  appBaseUrl: string;
  /** Where the app mounts the pattern catalog, such as /patterns. */
  patternsPath: string;
}) {
  return createTemplateAction({
    id: 'architecture:decision-record:write',
    description:
      'Writes a MADR architecture decision record for the pattern a service adopts.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        pattern: z =>
          z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
            .describe('Name of the ArchitecturePattern entity adopted.'),
        serviceName: z =>
          z.string().min(1).describe('The service the record is about.'),
        context: z =>
          z
            .string()
            .min(1)
            .describe('The problem the service solves and its constraints.'),
        because: z =>
          z
            .string()
            .min(1)
            .describe(
              "Why the pattern's main trade-off is acceptable for this service.",
            ),
        alternatives: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Pattern names weighed against it; defaults to its related patterns. At most two are weighed, and comparisons or overviews are skipped.',
            ),
        deciders: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Who took the decision; defaults to the user who runs the template, by display name and entity ref.',
            ),
        guide: z =>
          z
            .string()
            .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/)
            .optional()
            .describe(
              'Name of the DecisionGuide entity that led here; the record then lists its questions and answers, the options a requirement ruled out, and the runner-up. Empty means no guide.',
            ),
        guideAnswers: z =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe(
              'The answers given to that guide: question id to answer id. Only with guide.',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'File to write, relative to the workspace; defaults to docs/adr/0001-use-<pattern>.md.',
            ),
      },
      output: {
        path: z => z.string().describe('Path of the record in the workspace.'),
        patternUrl: z =>
          z
            .string()
            .describe(
              "The pattern's page in the portal, which the record links to.",
            ),
        patternPath: z =>
          z
            .string()
            .describe(
              "The same page as a path in the app, for the template's output links (they open it in the portal's own window).",
            ),
      },
    },
    async handler(ctx) {
      const targetPath =
        ctx.input.targetPath ?? `docs/adr/0001-use-${ctx.input.pattern}.md`;
      const problems = checkRelativePath(targetPath, 'targetPath');
      if (problems.length) throw new InputError(problems.join('; '));

      if (
        Object.keys(ctx.input.guideAnswers ?? {}).length > 0 &&
        !ctx.input.guide
      ) {
        throw new InputError('guideAnswers: given without guide');
      }

      const credentials = await ctx.getInitiatorCredentials();
      const load = (name: string) =>
        findPattern({ catalog: options.catalog, credentials }, name);
      const pattern = await load(ctx.input.pattern);
      if (!pattern) {
        throw new InputError(
          `pattern: no architecture pattern named "${ctx.input.pattern}" in the catalog`,
        );
      }
      const alternativeNames =
        ctx.input.alternatives ?? pattern.spec.relatedPatterns;
      const alternatives = (
        await Promise.all(alternativeNames.map(load))
      ).filter((p): p is ArchitecturePatternEntity => Boolean(p));

      let trail;
      if (ctx.input.guide) {
        const guide = await findGuide(
          { catalog: options.catalog, credentials },
          ctx.input.guide,
        );
        if (!guide) {
          throw new InputError(
            `guide: no decision guide named "${ctx.input.guide}" in the catalog`,
          );
        }
        try {
          trail = guideTrail(
            guide,
            recommend(guide, ctx.input.guideAnswers ?? {}),
          );
        } catch (error) {
          if (error instanceof GuideAnswerError) {
            throw new InputError(
              error.message.replace(/^answers\./, 'guideAnswers.'),
            );
          }
          throw error;
        }
      }

      const patternPath = `${options.patternsPath}/${pattern.metadata.name}`;
      const patternUrl = `${options.appBaseUrl}${patternPath}`;
      const markdown = renderDecisionRecord({
        ...patternDecisionRecord({
          pattern,
          alternatives,
          serviceName: ctx.input.serviceName,
          context: ctx.input.context,
          because: ctx.input.because,
          deciders: ctx.input.deciders ?? decisionMakers(ctx.user),
          date: new Date().toISOString().slice(0, 10),
          patternUrl,
        }),
        guide: trail,
      });
      const file = resolveSafeChildPath(ctx.workspacePath, targetPath);
      await fs.ensureDir(path.dirname(file));
      await fs.writeFile(file, markdown);
      ctx.output('path', targetPath);
      ctx.output('patternUrl', patternUrl);
      ctx.output('patternPath', patternPath);
    },
  });
}

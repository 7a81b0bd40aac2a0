import fs from 'fs-extra';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { conformanceProblems } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { findPattern } from '../catalogEntities';
import { examples } from './writeConformanceRules.examples';

/** Where the rules go in a generated repository; its app and tests read them from here. */
export const CONFORMANCE_DIRECTORY = 'conformance';

/**
 * `architecture:conformance:write`: copies a pattern's conformance rules from the
 * catalog into the workspace (`conformance/<pattern>.guard` and `conformance/rules.json`),
 * so the generated repository checks itself with the rules the portal evaluates.
 */
export function createWriteConformanceRulesAction(options: {
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'architecture:conformance:write',
    description:
      "Writes the pattern's conformance rules (cfn-guard) and their list into conformance/ of the workspace.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        pattern: z =>
          z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
            .describe('Name of the ArchitecturePattern entity implemented.'),
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'The generated entity, e.g. component:default/orders; its CI reports results for it.',
            ),
      },
      output: {
        rules: z => z.array(z.string()).describe('Ids of the rules written.'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const entity = await findPattern(
        { catalog: options.catalog, credentials },
        ctx.input.pattern,
      );
      if (!entity) {
        throw new InputError(
          `pattern: no architecture pattern named "${ctx.input.pattern}" in the catalog`,
        );
      }
      const conformance = entity.spec.conformance;
      if (!conformance) {
        throw new InputError(
          `pattern: ${ctx.input.pattern} has no conformance rules (spec.conformance)`,
        );
      }
      const problems = conformanceProblems(conformance);
      if (problems.length > 0) {
        throw new InputError(
          `pattern: the conformance rules of ${
            ctx.input.pattern
          } are broken: ${problems.join('; ')}`,
        );
      }
      const directory = resolveSafeChildPath(
        ctx.workspacePath,
        CONFORMANCE_DIRECTORY,
      );
      await fs.outputFile(
        resolveSafeChildPath(directory, `${ctx.input.pattern}.guard`),
        conformance.guard.endsWith('\n')
          ? conformance.guard
          : `${conformance.guard}\n`,
      );
      const manifest = {
        pattern: ctx.input.pattern,
        patternRef: stringifyEntityRef(entity),
        entityRef: ctx.input.entityRef,
        rules: conformance.rules,
      };
      await fs.outputFile(
        resolveSafeChildPath(directory, 'rules.json'),
        `${JSON.stringify(manifest, null, 2)}\n`,
      );
      ctx.output(
        'rules',
        conformance.rules.map(rule => rule.id),
      );
    },
  });
}

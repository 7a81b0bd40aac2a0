import fs from 'fs-extra';
import { parseAllDocuments } from 'yaml';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './validateCatalogInfo.examples';

/**
 * A stand-in location for entities that are not published yet; the catalog
 * validates only `url` locations and records the location in annotations.
 */
export const PREFLIGHT_LOCATION =
  'url:https://scaffolder.invalid/not-yet-published/catalog-info.yaml';

const describeEntity = (entity: Record<string, any>) => {
  try {
    return stringifyEntityRef(entity as Entity);
  } catch {
    return `${entity?.kind ?? 'entity'} "${entity?.metadata?.name ?? ''}"`;
  }
};

/**
 * `architecture:catalog-info:validate`: runs the entities a template is
 * about to publish through the catalog's own processing (its entity
 * policies, kind validators and every installed processor, this project's
 * pattern checks included) without storing them, so a repository is
 * published only if the catalog will accept what it declares.
 */
export function createValidateCatalogInfoAction(options: {
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'architecture:catalog-info:validate',
    description:
      "Validates the workspace's catalog-info.yaml with the catalog's own processing before anything is published; fails with the catalog's errors.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        filePath: z =>
          z
            .string()
            .optional()
            .describe(
              'The entity file, relative to the workspace; defaults to catalog-info.yaml.',
            ),
      },
      output: {
        entityRefs: z =>
          z
            .array(z.string())
            .describe('Refs of the entities the file declares.'),
      },
    },
    async handler(ctx) {
      const filePath = ctx.input.filePath ?? 'catalog-info.yaml';
      const file = resolveSafeChildPath(ctx.workspacePath, filePath);
      if (!(await fs.pathExists(file))) {
        throw new InputError(
          `filePath: ${filePath} does not exist in the workspace`,
        );
      }
      const documents = parseAllDocuments(await fs.readFile(file, 'utf8'));
      const problems: string[] = [];
      const entities: Record<string, any>[] = [];
      documents.forEach((document, index) => {
        if (document.errors.length > 0) {
          problems.push(
            `${filePath} document ${index + 1}: ${document.errors[0].message}`,
          );
          return;
        }
        const entity = document.toJS();
        if (entity === null || typeof entity !== 'object') {
          problems.push(`${filePath} document ${index + 1}: is not an entity`);
        } else {
          entities.push(entity);
        }
      });
      if (entities.length === 0 && problems.length === 0) {
        problems.push(`${filePath}: declares no entity`);
      }

      const credentials = await ctx.getInitiatorCredentials();
      for (const entity of entities) {
        const result = await options.catalog.validateEntity(
          entity as Entity,
          PREFLIGHT_LOCATION,
          { credentials },
        );
        if (!result.valid) {
          problems.push(
            ...result.errors.map(
              error =>
                `${filePath} (${describeEntity(entity)}): ${error.message}`,
            ),
          );
        }
      }
      if (problems.length > 0) {
        throw new InputError(
          `The catalog would reject the generated entities, so nothing was published: ${problems.join(
            '; ',
          )}`,
        );
      }
      const refs = entities.map(describeEntity);
      ctx.output('entityRefs', refs);
      ctx.logger.info(`The catalog accepts ${refs.join(', ')}`);
    },
  });
}

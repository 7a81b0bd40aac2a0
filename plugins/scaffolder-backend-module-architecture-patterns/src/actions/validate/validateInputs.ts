import fs from 'fs-extra';
import path from 'path';
import { InputError } from '@backstage/errors';
import {
  BackstageCredentials,
  PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_TEMPLATE_VERSION,
  ANNOTATION_IMPLEMENTS_PATTERNS,
  checkDistinct,
  checkIntegerRange,
  checkOrdered,
  checkWithinDomain,
  checkRelativePath,
  checkServiceName,
  findTemplateSyntax,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { checkNameIsFree, resolveEntityRef } from './catalogReferences';
import { checkPublishPermission } from './publishPermission';
import { loadTemplateParameters } from './templateParameters';
import { completeTemplateValues } from './templateValues';
import { describeTemplate } from './templateDescription';
import { examples } from './validateInputs.examples';

/** Where the template will publish, for the check that its name is free. */
export type ValidateInputsOptions = {
  /** Resolves the template, owners and systems, and names already taken. */
  catalog?: CatalogService;
  /** The local publishing folder, where a repository of the name must not exist. */
  localPublishingDirectory?: string;
  /**
   * Checks `architecture-patterns.service.publish` for the new entity's
   * `owner` before any side effect (conditions such as IS_ENTITY_OWNER are
   * applied to the entity as it would be registered).
   */
  permissions?: PermissionsService;
};

/**
 * `architecture:inputs:validate`: the first step of every pattern template,
 * and the one server-side definition of its input. It completes the
 * caller's values with the template's parameter defaults, checks them
 * against the whole parameter schema and the rules a schema cannot express,
 * resolves owner and system in the catalog and checks that the name is
 * free, all before any step creates anything. Later steps read the
 * completed values from its `values` output, so a form, the REST API and an
 * MCP client get the same service for the same input.
 */
export function createValidateInputsAction(
  options: ValidateInputsOptions = {},
) {
  const { catalog, localPublishingDirectory, permissions } = options;
  return createTemplateAction({
    id: 'architecture:inputs:validate',
    description:
      "Completes template input with the template's parameter defaults and validates it before anything is created: the full parameter schema, service names, paths, numeric ranges, fields that must differ, template syntax smuggled into any value, owner and system refs resolved in the catalog, and a name no component, resource, API or repository uses yet. Outputs the completed values for later steps.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        values: z =>
          z
            .record(z.string(), z.unknown())
            .describe('All template parameters, usually ${{ parameters }}.'),
        names: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Keys of values that become entity, folder and repository names.',
            ),
        paths: z =>
          z
            .array(z.string())
            .optional()
            .describe('Keys of values that are paths inside the workspace.'),
        distinct: z =>
          z
            .array(z.array(z.string()).min(2))
            .optional()
            .describe(
              'Groups of keys whose values must all differ, such as two regions.',
            ),
        ordered: z =>
          z
            .array(z.tuple([z.string(), z.string()]))
            .optional()
            .describe(
              'Pairs of keys [low, high] where low must not exceed high, such as min and max capacity.',
            ),
        withinDomain: z =>
          z
            .array(z.tuple([z.string(), z.string()]))
            .optional()
            .describe(
              'Pairs of keys [name, zone] where the DNS name must sit inside the zone.',
            ),
        ranges: z =>
          z
            .record(z.string(), z.object({ min: z.number(), max: z.number() }))
            .optional()
            .describe('Whole-number bounds per key.'),
        entityRefs: z =>
          z
            .record(
              z.string(),
              z.object({
                kinds: z.array(z.string()).min(1),
                optional: z.boolean().optional(),
              }),
            )
            .optional()
            .describe(
              'Keys of values that name catalog entities, with the kinds each may be, such as { owner: { kinds: [Group, User] }, system: { kinds: [System], optional: true } }. Each is resolved in the catalog and output as a full ref; an optional one left empty is dropped.',
            ),
        newEntityName: z =>
          z
            .string()
            .optional()
            .describe(
              'Key of the value that names the new component and repository; no Component, Resource or API of that name may exist in the default namespace, nor a repository in the local publishing folder.',
            ),
      },
      output: {
        values: z =>
          z
            .record(z.string(), z.unknown())
            .describe(
              'The input values completed with the parameter defaults, entity refs in full form: what later steps should read.',
            ),
        template: z =>
          z
            .object({
              name: z.string(),
              ref: z.string(),
              version: z.string(),
              pattern: z.string(),
            })
            .describe(
              `The running template's name, entity ref, version (its ${ANNOTATION_TEMPLATE_VERSION} annotation) and pattern (the first its ${ANNOTATION_IMPLEMENTS_PATTERNS} annotation names), empty when it has none: a template states its version and pattern once, in its annotations, and its steps read them from here.`,
            ),
      },
    },
    async handler(ctx) {
      const {
        names = [],
        paths = [],
        distinct = [],
        ranges = {},
        ordered = [],
        withinDomain = [],
        entityRefs = {},
        newEntityName,
      } = ctx.input;
      const credentials = catalog
        ? await ctx.getInitiatorCredentials()
        : undefined;

      let values: Record<string, unknown> = { ...ctx.input.values };
      const problems: string[] = [];
      if (catalog && credentials) {
        const template = await loadTemplateParameters({
          catalog,
          credentials,
          templateInfo: ctx.templateInfo,
        });
        if ('parameters' in template) {
          const completed = completeTemplateValues(template.parameters, values);
          values = completed.values;
          problems.push(...completed.problems);
        } else if (ctx.isDryRun) {
          ctx.logger.warn(
            `Dry run: ${template.missing}, so parameter defaults are not applied`,
          );
        } else {
          throw new InputError(`Cannot check the input: ${template.missing}`);
        }
      }
      for (const [key, { optional }] of Object.entries(entityRefs)) {
        const value = values[key];
        if (optional && (value === undefined || value === ''))
          delete values[key];
      }

      const prefixed = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [`parameters.${k}`, v]),
      );
      const withPrefix = (pairs: Array<[string, string]>) =>
        pairs.map(
          ([a, b]) =>
            [`parameters.${a}`, `parameters.${b}`] as [string, string],
        );
      problems.push(
        ...findTemplateSyntax(values, 'parameters'),
        ...names.flatMap(key =>
          checkServiceName(values[key], `parameters.${key}`),
        ),
        ...paths.flatMap(key =>
          checkRelativePath(values[key], `parameters.${key}`),
        ),
        ...distinct.flatMap(keys =>
          checkDistinct(
            Object.fromEntries(keys.map(k => [`parameters.${k}`, values[k]])),
            keys.map(k => `parameters.${k}`),
          ),
        ),
        ...Object.entries(ranges).flatMap(([key, { min, max }]) =>
          checkIntegerRange(values[key], `parameters.${key}`, min, max),
        ),
        ...checkOrdered(prefixed, withPrefix(ordered)),
        ...checkWithinDomain(prefixed, withPrefix(withinDomain)),
      );
      // The catalog is asked only about well-formed input.
      if (problems.length === 0) {
        problems.push(
          ...(await checkCatalog({
            credentials,
            values,
            entityRefs,
            newEntityName,
          })),
        );
      }
      // Publishing is checked last, against the owner as resolved above.
      if (
        problems.length === 0 &&
        permissions &&
        credentials &&
        newEntityName !== undefined &&
        typeof values.owner === 'string'
      ) {
        problems.push(
          ...(await checkPublishPermission({
            permissions,
            credentials,
            owner: values.owner,
            name: String(values[newEntityName]),
            field: 'parameters.owner',
          })),
        );
      }
      if (problems.length > 0) {
        throw new InputError(
          `Invalid input: ${[...new Set(problems)].join('; ')}`,
        );
      }
      ctx.output('values', values);
      ctx.output('template', describeTemplate(ctx.templateInfo));
      ctx.logger.info('Template input is valid');
    },
  });

  async function checkCatalog(request: {
    credentials?: BackstageCredentials;
    values: Record<string, unknown>;
    entityRefs: Record<string, { kinds: string[]; optional?: boolean }>;
    newEntityName?: string;
  }): Promise<string[]> {
    const { credentials, values, entityRefs, newEntityName } = request;
    const wantsCatalog =
      Object.keys(entityRefs).length > 0 || newEntityName !== undefined;
    if (!wantsCatalog) return [];
    if (!catalog || !credentials) {
      throw new InputError(
        'entityRefs and newEntityName need the catalog, which this action was not given',
      );
    }
    const problems: string[] = [];
    for (const [key, { kinds }] of Object.entries(entityRefs)) {
      if (!(key in values)) continue;
      const resolved = await resolveEntityRef({
        catalog,
        credentials,
        field: `parameters.${key}`,
        value: values[key],
        kinds,
      });
      if ('ref' in resolved) values[key] = resolved.ref;
      else problems.push(resolved.problem);
    }
    if (newEntityName !== undefined) {
      const name = String(values[newEntityName]);
      const field = `parameters.${newEntityName}`;
      problems.push(
        ...(await checkNameIsFree({ catalog, credentials, field, name })),
      );
      if (
        localPublishingDirectory &&
        (await fs.pathExists(
          resolveSafeChildPath(path.resolve(localPublishingDirectory), name),
        ))
      ) {
        problems.push(
          `${field}: a repository named "${name}" already exists in the local publishing folder; choose another name`,
        );
      }
    }
    return problems;
  }
}

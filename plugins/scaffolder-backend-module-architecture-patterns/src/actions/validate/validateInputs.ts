import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkDistinct,
  checkIntegerRange,
  checkOrdered,
  checkWithinDomain,
  checkRelativePath,
  checkServiceName,
  findTemplateSyntax,
} from '@internal/backstage-plugin-architecture-patterns-common';
import { examples } from './validateInputs.examples';

/**
 * `architecture:inputs:validate`: the first step of every pattern template.
 * It rejects input that the parameter schema cannot catch, before any step
 * creates anything, with one message per problem naming the field.
 */
export function createValidateInputsAction() {
  return createTemplateAction({
    id: 'architecture:inputs:validate',
    description:
      'Validates template input: service names, paths, numeric ranges, fields that must differ, and template syntax smuggled into any value.',
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
      },
    },
    async handler(ctx) {
      const {
        values,
        names = [],
        paths = [],
        distinct = [],
        ranges = {},
        ordered = [],
        withinDomain = [],
      } = ctx.input;
      const prefixed = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [`parameters.${k}`, v]),
      );
      const withPrefix = (pairs: Array<[string, string]>) =>
        pairs.map(
          ([a, b]) =>
            [`parameters.${a}`, `parameters.${b}`] as [string, string],
        );
      const problems = [
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
      ];
      if (problems.length > 0) {
        throw new InputError(`Invalid input: ${problems.join('; ')}`);
      }
      ctx.logger.info('Template input is valid');
    },
  });
}

import { InputError } from '@backstage/errors';
import { createMockActionContext } from '../../__testUtils__/mockActionContext';
import { createValidateInputsAction } from './validateInputs';

type Input = {
  values: Record<string, unknown>;
  names?: string[];
  paths?: string[];
  distinct?: string[][];
  ranges?: Record<string, { min: number; max: number }>;
  ordered?: Array<[string, string]>;
  withinDomain?: Array<[string, string]>;
};

const action = createValidateInputsAction();

/** Runs the action and returns the error it throws, or undefined. */
async function validate(input: Input): Promise<Error | undefined> {
  const ctx = createMockActionContext({ input: input as any });
  try {
    await action.handler(ctx);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** A base of valid values that each bad case overrides one field of. */
const VALID_VALUES = {
  name: 'orders-api',
  description:
    'Handles /orders and /orders/{id}: retries (3x), then dead-letters; costs ~$5/month.',
  docsPath: 'docs/adr',
  primaryRegion: 'eu-west-1',
  secondaryRegion: 'us-east-1',
  maxReceiveCount: 5,
};
const RULES = {
  names: ['name'],
  paths: ['docsPath'],
  distinct: [['primaryRegion', 'secondaryRegion']],
  ranges: { maxReceiveCount: { min: 1, max: 10 } },
};
const withValues = (values: Record<string, unknown>): Input => ({
  ...RULES,
  values: { ...VALID_VALUES, ...values },
});

describe('architecture:inputs:validate', () => {
  describe('rejects bad input with an InputError naming the field', () => {
    const badInputs: Array<[string, Input, string]> = [
      // Cross-field rules a JSON schema cannot express.
      [
        'minimum capacity above the maximum',
        { values: { webMin: 8, webMax: 4 }, ordered: [['webMin', 'webMax']] },
        'parameters.webMin (8) must not be greater than parameters.webMax (4)',
      ],
      [
        'record outside its hosted zone',
        {
          values: {
            domainName: 'api.example.org',
            hostedZoneName: 'example.com',
          },
          withinDomain: [['domainName', 'hostedZoneName']],
        },
        'parameters.domainName',
      ],
      // Names: become entity, folder and repository names.
      ['uppercase name', withValues({ name: 'Orders' }), 'parameters.name'],
      [
        'name with a space',
        withValues({ name: 'orders api' }),
        'parameters.name',
      ],
      [
        'name with a leading hyphen',
        withValues({ name: '-orders' }),
        'parameters.name',
      ],
      [
        'name with a trailing hyphen',
        withValues({ name: 'orders-' }),
        'parameters.name',
      ],
      [
        'name with a double hyphen',
        withValues({ name: 'orders--api' }),
        'parameters.name',
      ],
      [
        'name of 64 characters',
        withValues({ name: 'a'.repeat(64) }),
        'parameters.name',
      ],
      ['empty name', withValues({ name: '' }), 'parameters.name'],
      ['missing name', withValues({ name: undefined }), 'parameters.name'],
      ['name that is a number', withValues({ name: 42 }), 'parameters.name'],
      [
        'name that climbs out',
        withValues({ name: '../evil' }),
        'parameters.name',
      ],
      [
        'name that is an absolute path',
        withValues({ name: '/etc/passwd' }),
        'parameters.name',
      ],
      ['name with a slash', withValues({ name: 'a/b' }), 'parameters.name'],
      [
        'name that is the parent folder',
        withValues({ name: '..' }),
        'parameters.name',
      ],
      [
        'name that is a Windows path',
        withValues({ name: 'C:\\x' }),
        'parameters.name',
      ],
      ['name with an accent', withValues({ name: 'café' }), 'parameters.name'],
      [
        'name with a zero-width space',
        withValues({ name: 'orders\u200bapi' }),
        'parameters.name',
      ],
      [
        'name in full-width letters',
        withValues({ name: 'ｏｒｄｅｒｓ' }),
        'parameters.name',
      ],
      [
        'name with an underscore',
        withValues({ name: 'orders_api' }),
        'parameters.name',
      ],
      [
        'name with a dot',
        withValues({ name: 'orders.api' }),
        'parameters.name',
      ],
      [
        'name with a newline',
        withValues({ name: 'orders\napi' }),
        'parameters.name',
      ],

      // Template syntax, anywhere in the values.
      [
        'a ${{ }} expression',
        withValues({ description: '${{ secrets.token }}' }),
        'parameters.description',
      ],
      [
        'a {{ }} expression',
        withValues({ description: 'Total {{ 7*7 }}' }),
        'parameters.description',
      ],
      [
        'a {% %} tag',
        withValues({ description: '{% raw %}' }),
        'parameters.description',
      ],
      [
        'a {# #} comment',
        withValues({ description: 'note {# c #}' }),
        'parameters.description',
      ],
      [
        'a lone closing }}',
        withValues({ description: 'ends with }}' }),
        'parameters.description',
      ],
      [
        'template syntax in a name field',
        withValues({ name: '{{ name }}' }),
        'parameters.name',
      ],
      [
        'template syntax in a nested value',
        withValues({ config: { queue: { label: '${{ secrets.token }}' } } }),
        'parameters.config.queue.label',
      ],
      [
        'template syntax in an array item',
        withValues({ tags: ['orders', '{{ 7*7 }}'] }),
        'parameters.tags[1]',
      ],
      [
        'template syntax in an object inside an array',
        withValues({
          consumers: [{ name: 'billing' }, { name: '{% if x %}' }],
        }),
        'parameters.consumers[1].name',
      ],
      [
        'template syntax in an object key',
        withValues({ labels: { '${{ secrets.token }}': 'x' } }),
        'parameters.labels key "${{ secrets.token }}"',
      ],
      [
        'template syntax in a top-level key',
        withValues({ '{# c #}': 'x' }),
        'parameters key "{# c #}"',
      ],

      // Paths inside the workspace.
      [
        'path that climbs out',
        withValues({ docsPath: '../x' }),
        'parameters.docsPath',
      ],
      [
        'absolute path',
        withValues({ docsPath: '/abs' }),
        'parameters.docsPath',
      ],
      [
        'home-relative path',
        withValues({ docsPath: '~/x' }),
        'parameters.docsPath',
      ],
      [
        'path that climbs out midway',
        withValues({ docsPath: 'a/../../b' }),
        'parameters.docsPath',
      ],
      [
        'path ending in ..',
        withValues({ docsPath: 'docs/..' }),
        'parameters.docsPath',
      ],
      [
        'path with backslashes',
        withValues({ docsPath: 'docs\\adr' }),
        'parameters.docsPath',
      ],
      [
        'Windows path climbing out',
        withValues({ docsPath: '..\\x' }),
        'parameters.docsPath',
      ],
      [
        'path with a drive letter',
        withValues({ docsPath: 'C:/x' }),
        'parameters.docsPath',
      ],
      [
        'path with a NUL byte',
        withValues({ docsPath: 'docs\0adr' }),
        'parameters.docsPath',
      ],
      ['empty path', withValues({ docsPath: '' }), 'parameters.docsPath'],
      [
        'path that is a number',
        withValues({ docsPath: 7 }),
        'parameters.docsPath',
      ],

      // Fields that must differ.
      [
        'equal regions',
        withValues({ secondaryRegion: 'eu-west-1' }),
        'parameters.secondaryRegion must differ from parameters.primaryRegion',
      ],
      [
        'equal values in a group of three',
        {
          values: { a: 'x', b: 'y', c: 'x' },
          distinct: [['a', 'b', 'c']],
        },
        'parameters.c must differ from parameters.a',
      ],

      // Whole numbers in range.
      [
        'number below the range',
        withValues({ maxReceiveCount: 0 }),
        'parameters.maxReceiveCount',
      ],
      [
        'number above the range',
        withValues({ maxReceiveCount: 11 }),
        'parameters.maxReceiveCount',
      ],
      [
        'negative number',
        withValues({ maxReceiveCount: -1 }),
        'parameters.maxReceiveCount',
      ],
      [
        'fraction',
        withValues({ maxReceiveCount: 2.5 }),
        'parameters.maxReceiveCount',
      ],
      [
        'number as a string',
        withValues({ maxReceiveCount: '5' }),
        'parameters.maxReceiveCount',
      ],
      [
        'null number',
        withValues({ maxReceiveCount: null }),
        'parameters.maxReceiveCount',
      ],
      [
        'boolean number',
        withValues({ maxReceiveCount: true }),
        'parameters.maxReceiveCount',
      ],
    ];

    it('has at least 30 cases', () => {
      expect(badInputs.length).toBeGreaterThanOrEqual(30);
    });

    it.each(badInputs)('%s', async (_label, input, field) => {
      const error = await validate(input);
      expect(error).toBeInstanceOf(InputError);
      // Every problem reported is about that field (a bad value may break
      // more than one rule, such as template syntax in a name).
      const problems = error!.message
        .replace(/^Invalid input: /, '')
        .split('; ');
      for (const problem of problems) {
        expect(problem).toContain(field);
      }
    });
  });

  it('accepts equal bounds and a record inside or at the apex of its zone', async () => {
    await expect(
      validate({
        values: {
          min: 4,
          max: 4,
          domainName: 'api.Example.com.',
          zone: 'example.com',
          apex: 'example.com',
        },
        ordered: [['min', 'max']],
        withinDomain: [
          ['domainName', 'zone'],
          ['apex', 'zone'],
        ],
      }),
    ).resolves.toBeUndefined();
  });

  describe('accepts valid input', () => {
    const goodInputs: Array<[string, Input]> = [
      ['the base values', withValues({})],
      [
        'descriptions with ordinary punctuation and slashes',
        withValues({
          description:
            'Handles /orders; see docs/adr/0001.md, the #1 priority (100% {sort of}) & "quotes" \'too\' — C:\\ is fine in prose, as is ../up.',
        }),
      ],
      ['a one-character name', withValues({ name: 'a' })],
      ['a numeric name', withValues({ name: '42' })],
      ['a 63-character name', withValues({ name: 'a'.repeat(63) })],
      ['a name with single hyphens', withValues({ name: 'orders-api-v2' })],
      ['a nested path', withValues({ docsPath: 'docs/adr/records' })],
      ['a dotted relative path', withValues({ docsPath: './docs' })],
      [
        'a path with dots inside a segment',
        withValues({ docsPath: 'docs/file..name.md' }),
      ],
      ['a path that is the workspace', withValues({ docsPath: '.' })],
      ['a missing optional path', withValues({ docsPath: undefined })],
      ['the lower bound', withValues({ maxReceiveCount: 1 })],
      ['the upper bound', withValues({ maxReceiveCount: 10 })],
      ['a missing optional number', withValues({ maxReceiveCount: undefined })],
      [
        'a missing region in a distinct group',
        withValues({ secondaryRegion: undefined }),
      ],
      [
        'nested objects, arrays and non-string values',
        withValues({
          enabled: true,
          count: 3,
          nothing: null,
          config: { queue: { type: 'standard', retries: [1, 2, 3] } },
          tags: ['orders', 'sqs'],
        }),
      ],
      ['values without any rules', { values: { anything: 'Goes Here/../' } }],
    ];

    it.each(goodInputs)('%s', async (_label, input) => {
      await expect(validate(input)).resolves.toBeUndefined();
    });

    it('logs that the input is valid', async () => {
      const ctx = createMockActionContext({ input: withValues({}) as any });
      await action.handler(ctx);
      expect(ctx.logger.info).toHaveBeenCalledWith('Template input is valid');
    });
  });

  it('reports every problem in one error', async () => {
    const error = await validate({
      values: {
        name: '../Evil',
        description: '${{ secrets.token }}',
        tags: ['ok', '{% raw %}'],
        docsPath: '/etc',
        outputPath: 'a/../../b',
        primaryRegion: 'eu-west-1',
        secondaryRegion: 'eu-west-1',
        maxReceiveCount: 11,
        batchSize: 1.5,
      },
      names: ['name'],
      paths: ['docsPath', 'outputPath'],
      distinct: [['primaryRegion', 'secondaryRegion']],
      ranges: {
        maxReceiveCount: { min: 1, max: 10 },
        batchSize: { min: 1, max: 100 },
      },
    });
    expect(error).toBeInstanceOf(InputError);
    const message = error!.message;
    expect(message).toMatch(/^Invalid input: /);
    const problems = message.replace(/^Invalid input: /, '').split('; ');
    expect(problems).toHaveLength(8);
    for (const field of [
      'parameters.description',
      'parameters.tags[1]',
      'parameters.name',
      'parameters.docsPath',
      'parameters.outputPath',
      'parameters.secondaryRegion',
      'parameters.maxReceiveCount',
      'parameters.batchSize',
    ]) {
      expect(problems.filter(p => p.startsWith(`${field} `))).toHaveLength(1);
    }
  });

  it('describes its input as a JSON schema with values required', () => {
    const schema = action.schema?.input as any;
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['values']);
    expect(Object.keys(schema.properties)).toEqual([
      'values',
      'names',
      'paths',
      'distinct',
      'ordered',
      'withinDomain',
      'ranges',
      'entityRefs',
      'newEntityName',
    ]);
    expect(schema.properties.distinct.items.minItems).toBe(2);
    expect(action.supportsDryRun).toBe(true);
  });
});

import { completeTemplateValues } from './templateValues';

const PAGES = [
  {
    required: ['name', 'owner'],
    properties: {
      name: { type: 'string' },
      owner: { type: 'string' },
      description: { type: 'string', default: 'A service' },
      limits: {
        type: 'object',
        properties: { max: { type: 'integer', default: 5 } },
      },
    },
  },
  {
    properties: {
      model: { type: 'string', enum: ['silo', 'pool'], default: 'pool' },
      tenants: { type: 'array', items: { type: 'string' }, default: ['a'] },
    },
    if: { properties: { model: { const: 'silo' } } },
    then: { properties: { tenants: { maxItems: 2 } } },
  },
  {
    properties: {
      publishTarget: {
        type: 'string',
        enum: ['local', 'github'],
        default: 'local',
      },
    },
    dependencies: {
      publishTarget: {
        oneOf: [
          {
            properties: {
              publishTarget: { const: 'local' },
              branch: { type: 'string', default: 'main' },
            },
          },
          {
            required: ['repoUrl'],
            properties: {
              publishTarget: { const: 'github' },
              repoUrl: { type: 'string' },
            },
          },
        ],
      },
    },
  },
];

describe('completeTemplateValues', () => {
  it('fills every default the form would, nested and conditional ones included', () => {
    const { values, problems } = completeTemplateValues(PAGES, {
      name: 'orders',
      owner: 'group:default/team',
      limits: {},
    });
    expect(problems).toEqual([]);
    expect(values).toEqual({
      name: 'orders',
      owner: 'group:default/team',
      description: 'A service',
      limits: { max: 5 },
      model: 'pool',
      tenants: ['a'],
      publishTarget: 'local',
      branch: 'main',
    });
  });

  it('keeps what the caller gave, falsy values included', () => {
    const { values } = completeTemplateValues(PAGES, {
      name: 'orders',
      owner: 'o',
      description: '',
      tenants: [],
    });
    expect(values).toMatchObject({ description: '', tenants: [] });
  });

  it('does not change the values it was given', () => {
    const given = { name: 'orders', owner: 'o' };
    completeTemplateValues(PAGES, given);
    expect(given).toEqual({ name: 'orders', owner: 'o' });
  });

  it.each([
    [
      'a missing required field',
      { name: 'x' },
      'parameters.owner: is required',
    ],
    [
      'a wrong type',
      { name: 'x', owner: 'o', limits: { max: 'many' } },
      'parameters.limits.max',
    ],
    [
      'an if/then rule',
      { name: 'x', owner: 'o', model: 'silo', tenants: ['a', 'b', 'c'] },
      'parameters.tenants',
    ],
    [
      'a dependency branch',
      { name: 'x', owner: 'o', publishTarget: 'github' },
      'parameters',
    ],
    [
      'an unknown field',
      { name: 'x', owner: 'o', ownr: 'p' },
      'parameters.ownr: is not a parameter of this template',
    ],
  ])('names the field of %s', (_label, given, expected) => {
    const { problems } = completeTemplateValues(PAGES, given);
    expect(problems.join('; ')).toContain(expected);
  });

  it('accepts a field that only a conditional branch declares', () => {
    const { problems } = completeTemplateValues(PAGES, {
      name: 'x',
      owner: 'o',
      publishTarget: 'github',
      repoUrl: 'github.com?owner=a&repo=b',
    });
    expect(problems).toEqual([]);
  });

  it('takes a single page as well as a list', () => {
    expect(
      completeTemplateValues(PAGES[0], { name: 'x', owner: 'o' }).values
        .description,
    ).toBe('A service');
  });
});

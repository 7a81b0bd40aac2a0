import {
  checkDistinct,
  checkIntegerRange,
  checkRelativePath,
  checkServiceName,
  findTemplateSyntax,
} from './inputRules';

describe('findTemplateSyntax', () => {
  it.each([
    '${{ secrets.token }}',
    '${{parameters.name}}',
    '{{ 7*7 }}',
    'prefix {{ x',
    'x }} suffix',
    '{% raw %}',
    '{%- if x -%}',
    'end %}',
    '{# comment #}',
    '{#',
    'a #}',
  ])('finds template syntax in %j', value => {
    expect(findTemplateSyntax(value, 'field')).toEqual([
      'field must not contain template syntax such as ${{ }}, {{ }} or {% %}',
    ]);
  });

  it.each([
    'Handles /orders',
    'Costs ~$5/month (50%), see #12',
    'A { single } brace and a $ sign',
    '{ "json": { "nested": 1 } }',
  ])('accepts ordinary text %j', value => {
    expect(findTemplateSyntax(value, 'field')).toEqual([]);
  });

  it('accepts values that are not strings', () => {
    expect(findTemplateSyntax(42)).toEqual([]);
    expect(findTemplateSyntax(true)).toEqual([]);
    expect(findTemplateSyntax(null)).toEqual([]);
    expect(findTemplateSyntax(undefined)).toEqual([]);
  });

  it('names the path of nested values, array items and object keys', () => {
    const problems = findTemplateSyntax(
      {
        ok: 'fine',
        nested: { deeper: { value: '{{ x }}' } },
        list: ['fine', '{% y %}', { inner: '${{ z }}' }],
        '{# key #}': 'fine',
        keys: { '${{ k }}': '{{ v }}' },
      },
      'parameters',
    );
    expect(problems.map(p => p.split(' must ')[0])).toEqual([
      'parameters.nested.deeper.value',
      'parameters.list[1]',
      'parameters.list[2].inner',
      'parameters key "{# key #}"',
      'parameters.keys key "${{ k }}"',
      'parameters.keys.${{ k }}',
    ]);
  });

  it('defaults the path to "values"', () => {
    expect(findTemplateSyntax(['{{ x }}'])[0]).toMatch(/^values\[0\] /);
  });
});

describe('checkServiceName', () => {
  it.each([
    'a',
    '1',
    'orders',
    'orders-api',
    'orders-api-v2',
    '3d-print',
    'a'.repeat(63),
  ])('accepts %j', name => {
    expect(checkServiceName(name, 'name')).toEqual([]);
  });

  it.each([
    ['', 'name is required'],
    [undefined, 'name is required'],
    [null, 'name is required'],
    [42, 'name is required'],
    [['orders'], 'name is required'],
  ])('requires a string: %j', (value, message) => {
    expect(checkServiceName(value, 'name')).toEqual([message]);
  });

  it.each([
    '../evil',
    '/etc/passwd',
    'a/b',
    '..',
    'C:\\x',
    'a\\b',
    'orders..api',
  ])('rejects the path %j as such', value => {
    expect(checkServiceName(value, 'name')).toEqual([
      `name must be a plain name, not a path ("${value}")`,
    ]);
  });

  it.each([
    'Orders',
    'orders api',
    '-orders',
    'orders-',
    'orders--api',
    'a'.repeat(64),
    'café',
    'orders_api',
    'orders.api',
    ' orders',
    'orders\n',
  ])('rejects %j', value => {
    const problems = checkServiceName(value, 'spec.name');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^spec\.name must be 1-63 lowercase letters/);
  });
});

describe('checkRelativePath', () => {
  it.each([
    'docs',
    'docs/adr',
    './docs',
    '.',
    'a/b/c.md',
    'file..name',
    '.github/workflows',
  ])('accepts %j', value => {
    expect(checkRelativePath(value, 'path')).toEqual([]);
  });

  it('treats a missing path as not given', () => {
    expect(checkRelativePath(undefined, 'path')).toEqual([]);
  });

  it.each([
    ['', 'path must be a relative path'],
    [null, 'path must be a relative path'],
    [7, 'path must be a relative path'],
  ])('requires a non-empty string: %j', (value, message) => {
    expect(checkRelativePath(value, 'path')).toEqual([message]);
  });

  it.each([
    '../x',
    '..',
    'a/..',
    'a/../../b',
    '/abs',
    '~/x',
    '~',
    'C:/x',
    'c:x',
    'a\\b',
    '..\\x',
    'a\0b',
  ])('rejects %j', value => {
    expect(checkRelativePath(value, 'path')).toEqual([
      `path must be a relative path inside the workspace ("${value}")`,
    ]);
  });
});

describe('checkDistinct', () => {
  it('accepts different values and ignores missing ones', () => {
    expect(
      checkDistinct({ a: 'eu-west-1', b: 'us-east-1', c: undefined }, [
        'a',
        'b',
        'c',
      ]),
    ).toEqual([]);
  });

  it('names both fields of a repeated value', () => {
    expect(
      checkDistinct({ a: 'eu-west-1', b: 'eu-west-1' }, ['a', 'b']),
    ).toEqual(['b must differ from a (both are "eu-west-1")']);
  });

  it('reports each repeat against the first field with that value', () => {
    expect(
      checkDistinct({ a: 'x', b: 'y', c: 'x', d: 'x', e: 'y' }, [
        'a',
        'b',
        'c',
        'd',
        'e',
      ]),
    ).toEqual([
      'c must differ from a (both are "x")',
      'd must differ from a (both are "x")',
      'e must differ from b (both are "y")',
    ]);
  });

  it('compares numbers and strings strictly', () => {
    expect(checkDistinct({ a: 1, b: '1' }, ['a', 'b'])).toEqual([]);
    expect(checkDistinct({ a: 1, b: 1 }, ['a', 'b'])).toHaveLength(1);
  });
});

describe('checkIntegerRange', () => {
  it.each([1, 5, 10])('accepts %j within 1-10', value => {
    expect(checkIntegerRange(value, 'n', 1, 10)).toEqual([]);
  });

  it('treats a missing number as not given', () => {
    expect(checkIntegerRange(undefined, 'n', 1, 10)).toEqual([]);
  });

  it.each([
    [0, '0'],
    [11, '11'],
    [-1, '-1'],
    [2.5, '2.5'],
    ['5', '"5"'],
    [null, 'null'],
    [true, 'true'],
    [Number.NaN, 'null'],
    [Number.POSITIVE_INFINITY, 'null'],
  ])('rejects %j', (value, shown) => {
    expect(checkIntegerRange(value, 'n', 1, 10)).toEqual([
      `n must be a whole number from 1 to 10 (got ${shown})`,
    ]);
  });
});

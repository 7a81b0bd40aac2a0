import { csvField, toCsv } from './csv';

/** Reads RFC 4180 CSV back into rows, to check what a spreadsheet sees. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field || row.length) {
    throw new Error('The last line does not end with CRLF');
  }
  return rows;
}

describe('csvField', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvField('orders-team')).toBe('orders-team');
    expect(csvField('group:default/orders-team')).toBe(
      'group:default/orders-team',
    );
    expect(csvField('two words')).toBe('two words');
    expect(csvField(42)).toBe('42');
    expect(csvField(0)).toBe('0');
  });

  it('writes nothing for a missing value', () => {
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes a field with a comma', () => {
    expect(csvField('checkout, payments')).toBe('"checkout, payments"');
  });

  it('quotes a field with a quote, doubling the quote', () => {
    expect(csvField('the "orders" team')).toBe('"the ""orders"" team"');
    expect(csvField('"')).toBe('""""');
  });

  it('quotes a field with a line break', () => {
    expect(csvField('first\nsecond')).toBe('"first\nsecond"');
    expect(csvField('first\r\nsecond')).toBe('"first\r\nsecond"');
    expect(csvField('first\rsecond')).toBe('"first\rsecond"');
  });

  it.each([
    [
      '=HYPERLINK("http://evil.example")',
      `"'=HYPERLINK(""http://evil.example"")"`,
    ],
    ['=1+2', "'=1+2"],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tindented', "'\tindented"],
    ['\rreturn', `"'\rreturn"`],
    ['=a,b', `"'=a,b"`],
  ])('keeps spreadsheets from running %j as a formula', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('leaves those characters alone after the first position', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('event-driven-basic')).toBe('event-driven-basic');
    expect(csvField('team@example.com')).toBe('team@example.com');
  });
});

describe('toCsv', () => {
  it('writes a header and rows, each line ending with CRLF', () => {
    expect(
      toCsv(
        ['name', 'owner'],
        [
          ['reads-01', 'orders-team'],
          ['reads-02', undefined],
        ],
      ),
    ).toBe('name,owner\r\nreads-01,orders-team\r\nreads-02,\r\n');
  });

  it('is only the header when there are no rows', () => {
    expect(toCsv(['name', 'template version'], [])).toBe(
      'name,template version\r\n',
    );
  });

  it('escapes owners and names so that they read back unchanged', () => {
    const rows = [
      ['=cmd', 'group:default/ops, "night" shift', 'checkout\r\npayments', 3],
      ['-rm', '@team', 'plain', 1],
      ['svc', 'orders-team', '', 0],
    ];
    const csv = toCsv(['name', 'owner', 'system', 'count'], rows);

    expect(csv).toBe(
      [
        'name,owner,system,count',
        `'=cmd,"group:default/ops, ""night"" shift","checkout\r\npayments",3`,
        `'-rm,'@team,plain,1`,
        'svc,orders-team,,0',
        '',
      ].join('\r\n'),
    );
    expect(parseCsv(csv)).toEqual([
      ['name', 'owner', 'system', 'count'],
      [
        "'=cmd",
        'group:default/ops, "night" shift',
        'checkout\r\npayments',
        '3',
      ],
      ["'-rm", "'@team", 'plain', '1'],
      ['svc', 'orders-team', '', '0'],
    ]);
  });
});

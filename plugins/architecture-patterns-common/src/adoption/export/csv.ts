/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break, quotes doubled. A leading =, +, - or @ is prefixed with an
 * apostrophe so spreadsheets do not run it as a formula.
 */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a header row; lines end with CRLF as RFC 4180 says. */
export function toCsv(
  header: string[],
  rows: Array<Array<string | number | undefined>>,
): string {
  return `${[header, ...rows]
    .map(row => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}

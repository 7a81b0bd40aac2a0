/**
 * Replaces each `{ $text: <path> }` value with the text of that file, as the
 * catalog's placeholder processor does when it reads a location. For code
 * that reads the pattern library's YAML itself (tests, tools): pass a reader
 * that resolves paths against the YAML file's folder.
 */
export function resolveTextPlaceholders<T>(
  value: T,
  readText: (path: string) => string,
): T {
  if (Array.isArray(value)) {
    return value.map(item => resolveTextPlaceholders(item, readText)) as T;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0][0] === '$text') {
      return readText(String(entries[0][1])) as T;
    }
    return Object.fromEntries(
      entries.map(([key, item]) => [
        key,
        resolveTextPlaceholders(item, readText),
      ]),
    ) as T;
  }
  return value;
}

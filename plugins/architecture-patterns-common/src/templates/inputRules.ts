/**
 * Checks on template input that a JSON schema cannot express, shared by the
 * scaffolder actions and anything else that accepts user input for a
 * template. Each function returns problems as messages naming the field.
 */

const TEMPLATE_SYNTAX = /\$\{\{|\{\{|\}\}|\{%|%\}|\{#|#\}/;
const ENTITY_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Rejects values that try to smuggle template expressions into a render. */
export function findTemplateSyntax(values: unknown, path = 'values'): string[] {
  if (typeof values === 'string') {
    return TEMPLATE_SYNTAX.test(values)
      ? [
          `${path} must not contain template syntax such as \${{ }}, {{ }} or {% %}`,
        ]
      : [];
  }
  if (Array.isArray(values)) {
    return values.flatMap((v, i) => findTemplateSyntax(v, `${path}[${i}]`));
  }
  if (values && typeof values === 'object') {
    return Object.entries(values).flatMap(([key, v]) => [
      ...findTemplateSyntax(key, `${path} key "${key}"`),
      ...findTemplateSyntax(v, `${path}.${key}`),
    ]);
  }
  return [];
}

/**
 * A name that becomes a catalog entity name, a folder and a repository name:
 * lowercase letters, digits and single hyphens, at most 63 characters. This
 * also rules out path traversal and absolute paths.
 */
export function checkServiceName(value: unknown, field: string): string[] {
  if (typeof value !== 'string' || value.length === 0) {
    return [`${field} is required`];
  }
  if (value.includes('/') || value.includes('\\') || value.includes('..')) {
    return [`${field} must be a plain name, not a path ("${value}")`];
  }
  if (value.length > 63 || !ENTITY_NAME.test(value)) {
    return [
      `${field} must be 1-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit ("${value}")`,
    ];
  }
  return [];
}

/** A path inside the task workspace: relative, no "..", no backslashes. */
export function checkRelativePath(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string' || value.length === 0) {
    return [`${field} must be a relative path`];
  }
  if (
    value.startsWith('/') ||
    value.startsWith('~') ||
    /^[a-zA-Z]:/.test(value) ||
    value.includes('\\') ||
    value.includes('\0') ||
    value.split('/').includes('..')
  ) {
    return [
      `${field} must be a relative path inside the workspace ("${value}")`,
    ];
  }
  return [];
}

/** Fields that must hold different values, such as two regions. */
export function checkDistinct(
  values: Record<string, unknown>,
  fields: string[],
): string[] {
  const seen = new Map<unknown, string>();
  const problems: string[] = [];
  for (const field of fields) {
    const value = values[field];
    if (value === undefined) continue;
    const earlier = seen.get(value);
    if (earlier) {
      problems.push(
        `${field} must differ from ${earlier} (both are "${String(value)}")`,
      );
    } else {
      seen.set(value, field);
    }
  }
  return problems;
}

/** A whole number within bounds. */
export function checkIntegerRange(
  value: unknown,
  field: string,
  min: number,
  max: number,
): string[] {
  if (value === undefined) return [];
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    return [
      `${field} must be a whole number from ${min} to ${max} (got ${JSON.stringify(
        value,
      )})`,
    ];
  }
  return [];
}

/** Pairs of numbers where the first must not exceed the second, such as min and max. */
export function checkOrdered(
  values: Record<string, unknown>,
  pairs: Array<[string, string]>,
): string[] {
  return pairs.flatMap(([low, high]) => {
    const a = values[low];
    const b = values[high];
    if (typeof a !== 'number' || typeof b !== 'number' || a <= b) return [];
    return [`${low} (${a}) must not be greater than ${high} (${b})`];
  });
}

/** A DNS name that must sit inside a zone, such as a record in its hosted zone. */
export function checkWithinDomain(
  values: Record<string, unknown>,
  pairs: Array<[string, string]>,
): string[] {
  return pairs.flatMap(([nameKey, zoneKey]) => {
    const name = String(values[nameKey] ?? '')
      .toLowerCase()
      .replace(/\.$/, '');
    const zone = String(values[zoneKey] ?? '')
      .toLowerCase()
      .replace(/\.$/, '');
    if (!name || !zone || name === zone || name.endsWith(`.${zone}`)) return [];
    return [`${nameKey} "${name}" must be inside ${zoneKey} "${zone}"`];
  });
}

import { validate, ValidationError } from 'jsonschema';

type Schema = Record<string, unknown>;
type Values = Record<string, unknown>;

/**
 * A deep copy of JSON data. Not structuredClone: the scaffolder's templating
 * accepts only plain objects of its own realm, which structuredClone does
 * not give under jest.
 */
const copyJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parameter pages of a template, whether it declares one or several. */
export function parameterPages(parameters: unknown): Schema[] {
  return [parameters ?? []].flat().filter(isObject);
}

/**
 * Whether a conditional branch (of `oneOf`, `anyOf` or `dependencies`)
 * applies to the values: every property it pins with `const` or `enum`
 * holds. A branch that pins nothing applies when it validates.
 */
function branchApplies(branch: Schema, values: Values): boolean {
  const pins = Object.entries(
    isObject(branch.properties) ? branch.properties : {},
  ).filter(
    ([, property]) =>
      isObject(property) && ('const' in property || 'enum' in property),
  );
  if (pins.length === 0) return validate(values, branch).valid;
  return pins.every(([key, property]) => {
    const pin = property as Schema;
    return 'const' in pin
      ? values[key] === pin.const
      : (pin.enum as unknown[]).includes(values[key]);
  });
}

/**
 * Fills in, in place, every `default` the form would have applied: those of
 * the schema's properties (recursively for objects), of `allOf` parts, and
 * of the conditional branches (`if`/`then`/`else`, `dependencies`, `oneOf`,
 * `anyOf`) that apply to the values once the unconditional defaults are in.
 */
function fillDefaults(schema: Schema, values: Values): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [key, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    if (values[key] === undefined && property.default !== undefined) {
      values[key] = copyJson(property.default);
    }
    if (isObject(values[key]) && isObject(property.properties)) {
      fillDefaults(property, values[key] as Values);
    }
  }
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    if (isObject(part)) fillDefaults(part, values);
  }
  if (isObject(schema.if)) {
    const branch = validate(values, schema.if).valid
      ? schema.then
      : schema.else;
    if (isObject(branch)) fillDefaults(branch, values);
  }
  const dependencies = isObject(schema.dependencies) ? schema.dependencies : {};
  for (const [key, dependency] of Object.entries(dependencies)) {
    if (values[key] !== undefined && isObject(dependency)) {
      fillDefaults(dependency, values);
    }
  }
  for (const keyword of ['oneOf', 'anyOf']) {
    const branches = Array.isArray(schema[keyword]) ? schema[keyword] : [];
    const branch = (branches as unknown[])
      .filter(isObject)
      .find(b => branchApplies(b, values));
    if (branch) fillDefaults(branch, values);
  }
}

/** Every property name a page can hold, its conditional branches included. */
function declaredKeys(schema: Schema, keys = new Set<string>()): Set<string> {
  if (isObject(schema.properties)) {
    Object.keys(schema.properties).forEach(key => keys.add(key));
  }
  const parts = [
    ...(['allOf', 'oneOf', 'anyOf'] as const).flatMap(keyword =>
      Array.isArray(schema[keyword]) ? (schema[keyword] as unknown[]) : [],
    ),
    schema.then,
    schema.else,
    ...Object.values(isObject(schema.dependencies) ? schema.dependencies : {}),
  ];
  for (const part of parts) if (isObject(part)) declaredKeys(part, keys);
  return keys;
}

function describeError(error: ValidationError): string {
  const field = error.property.replace(/^instance\.?/, '');
  if (error.name === 'required') {
    return `parameters.${error.argument}: is required`;
  }
  if (error.name === 'oneOf' || error.name === 'anyOf') {
    return `parameters${
      field ? `.${field}` : ''
    }: the combination of values matches none of the allowed choices`;
  }
  return `parameters${field ? `.${field}` : ''}: ${error.message}`;
}

/**
 * The values every later step of a template sees, whoever called it (form,
 * REST API, MCP): the caller's values completed with the template's own
 * parameter defaults, then checked against every parameter page, the
 * conditional parts included. Returns the completed values and one message
 * per problem, each naming its field.
 */
export function completeTemplateValues(
  parameters: unknown,
  values: Values,
): { values: Values; problems: string[] } {
  const pages = parameterPages(parameters);
  const completed = copyJson(values);
  for (const page of pages) fillDefaults(page, completed);

  const known = new Set<string>();
  pages.forEach(page => declaredKeys(page, known));
  const unknown = Object.keys(completed).filter(key => !known.has(key));
  const problems = unknown.map(
    key =>
      `parameters.${key}: is not a parameter of this template (it takes ${[
        ...known,
      ].join(', ')})`,
  );
  for (const page of pages) {
    const result = validate(completed, page, { nestedErrors: false });
    problems.push(...result.errors.map(describeError));
  }
  return { values: completed, problems: [...new Set(problems)] };
}

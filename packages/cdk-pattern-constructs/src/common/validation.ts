import { Token } from 'aws-cdk-lib';

/**
 * Small, dependency-free validation helpers shared by the pattern constructs.
 *
 * Every error message names the offending prop and what is allowed, so that a
 * scaffolded service fails fast at synth time with an actionable message.
 */

/** Throws unless `value` is one of `allowed`. */
export function validateOneOf<T extends string>(
  propName: string,
  value: T | undefined,
  allowed: readonly T[],
): void {
  if (value === undefined) {
    return;
  }
  if (!allowed.includes(value)) {
    throw new Error(
      `Invalid ${propName} "${value}": must be one of ${allowed
        .map(a => `'${a}'`)
        .join(', ')}.`,
    );
  }
}

/** Throws unless `value` is an integer within [min, max]. Tokens are skipped. */
export function validateIntegerRange(
  propName: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  validateRange(propName, value, min, max, 'an integer');
}

/** Throws unless `value` is a finite number within [min, max]. Tokens are skipped. */
export function validateNumberRange(
  propName: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  validateRange(propName, value, min, max, 'a number');
}

function validateRange(
  propName: string,
  value: number | undefined,
  min: number,
  max: number,
  kind: 'an integer' | 'a number',
): void {
  if (value === undefined || Token.isUnresolved(value)) {
    return;
  }
  const wellFormed =
    kind === 'an integer' ? Number.isInteger(value) : Number.isFinite(value);
  if (!wellFormed || value < min || value > max) {
    throw new Error(
      `Invalid ${propName} ${value}: must be ${kind} between ${min} and ${max} (inclusive).`,
    );
  }
}

/** Throws if `min` > `max` (both props are named in the message). */
export function validateMinMax(
  minName: string,
  min: number,
  maxName: string,
  max: number,
): void {
  if (Token.isUnresolved(min) || Token.isUnresolved(max)) {
    return;
  }
  if (min > max) {
    throw new Error(
      `Invalid ${minName} ${min}: must be less than or equal to ${maxName} (${max}).`,
    );
  }
}

/** Throws unless `value` matches `pattern`. Tokens are skipped. */
export function validatePattern(
  propName: string,
  value: string | undefined,
  pattern: RegExp,
  allowedDescription: string,
): void {
  if (value === undefined || Token.isUnresolved(value)) {
    return;
  }
  if (!pattern.test(value)) {
    throw new Error(`Invalid ${propName} "${value}": ${allowedDescription}.`);
  }
}

/** AWS region code, e.g. us-east-1, eu-central-2, us-gov-west-1, ap-southeast-4. */
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** Fully-qualified DNS name (no trailing dot), e.g. example.com or api.example.co.uk. */
export const DOMAIN_NAME_PATTERN =
  /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;

/** Lower-case resource-name-safe prefix. */
export const NAME_PREFIX_PATTERN = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

/** Tenant identifier: lower-case letters, digits and hyphens, 2-32 chars, starts with a letter. */
export const TENANT_ID_PATTERN = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/** Rejects duplicates in a list, naming the prop. */
export function validateUnique(
  propName: string,
  values: readonly string[],
): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) {
      throw new Error(
        `Invalid ${propName}: duplicate value "${v}"; values must be unique.`,
      );
    }
    seen.add(v);
  }
}

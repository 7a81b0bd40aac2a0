import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * aws-cdk-lib >= 2.262 validates every synthesised template (CloudFormation
 * schema rules) unless CDK_VALIDATION=false. That costs seconds per stack, so
 * tests synthesise with validation OFF except in one dedicated test per pattern,
 * which turns it ON and additionally promotes template findings to errors.
 */
export function withCdkValidation<T>(enabled: boolean, fn: () => T): T {
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = enabled ? 'true' : 'false';
  try {
    return fn();
  } finally {
    if (previous === undefined) {
      delete process.env.CDK_VALIDATION;
    } else {
      process.env.CDK_VALIDATION = previous;
    }
  }
}

/** Template of `stack`, synthesising its app with template validation off (fast path). */
export function fastTemplate(stack: Stack): Template {
  return withCdkValidation(false, () => Template.fromStack(stack));
}

/** Template of `stack`, synthesising its app with CDK template validation ON. */
export function validatedTemplate(stack: Stack): Template {
  return withCdkValidation(true, () => Template.fromStack(stack));
}

/** An App whose template-validation findings are errors (synth throws on any). */
export function strictApp(): App {
  return new App({
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true },
  });
}

import { Stack } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface RegionalWebAclOptions {
  /** ARN of the resource to protect (API Gateway stage ARN or ALB ARN). */
  readonly resourceArn: string;
  /** CloudWatch metric name prefix. */
  readonly metricName: string;
  /** Requests per 5 minutes per client IP before blocking. @default 2000 */
  readonly rateLimitPer5Minutes?: number;
  /**
   * Largest request body (bytes) the protected API accepts. Requests whose `Content-Length`
   * is larger are blocked by the `BodySizeLimit` rule. The common rule set's own
   * `SizeRestrictions_BODY` (a fixed 8 KB) is set to count, so bodies up to this limit pass.
   */
  readonly maxRequestBodyBytes: number;
}

/**
 * A regular expression that matches exactly the decimal integers (no sign, no leading zeros)
 * greater than `limit`: longer numbers, or numbers of the same length that are larger at the
 * first digit where they differ.
 */
export function greaterThanRegex(limit: number): string {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`Invalid body limit ${limit}: must be a positive integer.`);
  }
  const digits = String(limit);
  const n = digits.length;
  const rest = (k: number) =>
    k === 0 ? '' : k === 1 ? '[0-9]' : `[0-9]{${k}}`;
  const alternatives = [`[1-9][0-9]{${n},}`];
  for (let i = 0; i < n; i++) {
    const d = Number(digits[i]);
    if (d === 9) continue;
    const next = d + 1 === 9 ? '9' : `[${d + 1}-9]`;
    alternatives.push(`${digits.slice(0, i)}${next}${rest(n - i - 1)}`);
  }
  return `^(?:${alternatives.join('|')})$`;
}

/**
 * Regional WAFv2 web ACL with the AWS managed common + known-bad-inputs rule
 * groups and a per-IP rate-based rule, associated with `resourceArn`.
 */
export function createRegionalWebAcl(
  scope: Construct,
  id: string,
  options: RegionalWebAclOptions,
): wafv2.CfnWebACL {
  const managed = (
    name: string,
    priority: number,
  ): wafv2.CfnWebACL.RuleProperty => ({
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: {
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${options.metricName}-${name}`,
    },
  });
  const bodySizeLimit: wafv2.CfnWebACL.RuleProperty = {
    name: 'BodySizeLimit',
    priority: 0,
    action: { block: {} },
    statement: {
      regexMatchStatement: {
        fieldToMatch: { singleHeader: { Name: 'content-length' } },
        regexString: greaterThanRegex(options.maxRequestBodyBytes),
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    },
    visibilityConfig: {
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${options.metricName}-BodySizeLimit`,
    },
  };
  const common = managed('AWSManagedRulesCommonRuleSet', 1);
  const acl = new wafv2.CfnWebACL(scope, id, {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: {
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: options.metricName,
    },
    rules: [
      bodySizeLimit,
      {
        ...common,
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: 'AWSManagedRulesCommonRuleSet',
            // Its fixed 8 KB body limit would block valid requests; BodySizeLimit enforces
            // the API's real limit instead.
            ruleActionOverrides: [
              { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
            ],
          },
        },
      },
      managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
      {
        name: 'RateLimitPerIp',
        priority: 3,
        action: { block: {} },
        statement: {
          rateBasedStatement: {
            limit: options.rateLimitPer5Minutes ?? 2000,
            aggregateKeyType: 'IP',
          },
        },
        visibilityConfig: {
          cloudWatchMetricsEnabled: true,
          sampledRequestsEnabled: true,
          metricName: `${options.metricName}-RateLimit`,
        },
      },
    ],
  });
  new wafv2.CfnWebACLAssociation(scope, `${id}Association`, {
    resourceArn: options.resourceArn,
    webAclArn: acl.attrArn,
  });
  return acl;
}

/**
 * A web ACL metric name for `scope`'s stack: `<stack name>-<suffix>` reduced to letters, digits
 * and '-' (at most 100 characters), or `fallback` when nothing is left of it.
 */
export function stackMetricName(
  scope: Construct,
  suffix: string,
  fallback: string,
): string {
  return (
    `${Stack.of(scope).stackName}-${suffix}`
      .replace(/[^A-Za-z0-9-]/g, '')
      .slice(0, 100) || fallback
  );
}

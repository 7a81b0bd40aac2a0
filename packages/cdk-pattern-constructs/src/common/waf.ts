import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface RegionalWebAclOptions {
  /** ARN of the resource to protect (API Gateway stage ARN or ALB ARN). */
  readonly resourceArn: string;
  /** CloudWatch metric name prefix. */
  readonly metricName: string;
  /** Requests per 5 minutes per client IP before blocking. @default 2000 */
  readonly rateLimitPer5Minutes?: number;
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
  const acl = new wafv2.CfnWebACL(scope, id, {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: {
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: options.metricName,
    },
    rules: [
      managed('AWSManagedRulesCommonRuleSet', 1),
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

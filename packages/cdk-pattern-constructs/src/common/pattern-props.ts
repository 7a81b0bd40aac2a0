import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * Props every pattern construct shares, declared and defaulted once here (as AWS Solutions
 * Constructs keep theirs in one core module) instead of in each pattern's props.
 */
export interface PatternProps {
  /**
   * Associate a regional WAFv2 web ACL with the pattern's public entry point (the API stage, or
   * the public ALB): AWS managed common + known-bad-inputs rules, a limit on the request body
   * size and a per-IP rate limit.
   * @default true
   */
  readonly enableWaf?: boolean;
  /**
   * Removal policy of the pattern's stateful resources (KMS key, tables, buckets, log groups).
   * Aurora clusters take it too, but default to a final snapshot.
   * @default RemovalPolicy.RETAIN (Aurora clusters: RemovalPolicy.SNAPSHOT)
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Props of the patterns whose entry point is an API Gateway REST API. */
export interface RestApiPatternProps extends PatternProps {
  /**
   * Create the account-level API Gateway CloudWatch Logs role (`AWS::ApiGateway::Account`) in
   * this stack. There is one such setting per account and region, and every stack that sets
   * it overwrites the others', so it is opt-in: deploy `ApiGatewayAccountLogging` once per
   * account and region instead (generated repositories: `-c apiGatewayAccountRole=true`), or
   * set this in exactly one stack. API logging fails to deploy until the account has the role.
   * @default false
   */
  readonly apiGatewayCloudWatchRole?: boolean;
}

/** Whether the pattern gets its web ACL (`enableWaf`, default true). */
export function wafEnabled(props: PatternProps): boolean {
  return props.enableWaf ?? true;
}

/** Removal policy of the pattern's stateful resources (`removalPolicy`, default RETAIN). */
export function removalPolicyOf(props: PatternProps): RemovalPolicy {
  return props.removalPolicy ?? RemovalPolicy.RETAIN;
}

/** Removal policy of the pattern's Aurora clusters (`removalPolicy`, default SNAPSHOT). */
export function databaseRemovalPolicyOf(props: PatternProps): RemovalPolicy {
  return props.removalPolicy ?? RemovalPolicy.SNAPSHOT;
}

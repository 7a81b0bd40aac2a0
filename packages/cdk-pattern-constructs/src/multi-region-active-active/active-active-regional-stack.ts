import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from '../common/buckets';
import { createServiceKey } from '../common/kms';
import { removalPolicyOf, wafEnabled } from '../common/pattern-props';
import { createRegionalWebAcl } from '../common/waf';
import { createRegionalApi } from './api';
import { createDataBuckets, createGlobalTable } from './data';
import { ActiveActiveEndpointProps } from './endpoint-props';
import { createCustomDomainAndDns } from './dns';
import { dataBucketName, replicationRoleName } from './names';
import { createReplicationRole, replicateBothWays } from './replication';

/** Properties of one {@link ActiveActiveRegionalStack}. Normally built by {@link MultiRegionActiveActive}. */
export interface ActiveActiveRegionalStackProps
  extends StackProps,
    ActiveActiveEndpointProps {
  /** Region of this stack (also set as `env.region`). */
  readonly region: string;
  /** The other region of the pair. */
  readonly peerRegion: string;
  /**
   * The primary stack owns the DynamoDB global table (with a replica in `peerRegion`) and
   * replicates its S3 bucket to the peer region's bucket.
   */
  readonly isPrimary: boolean;
  /**
   * Existing ACM certificate (in this region) for `domainName`.
   * @default - a DNS-validated certificate is created in the hosted zone
   */
  readonly certificateArn?: string;
}

/**
 * One region of the active-active pair: regional REST API (custom domain, WAF, access logs,
 * throttled to full load) -> Lambda -> local replica of a DynamoDB global table; versioned S3
 * bucket (primary replicates to the peer); Route 53 HTTPS health check and a latency (or
 * weighted) alias record for `domainName` that is withdrawn when the health check fails.
 *
 * No cross-region references are used: the peer's table/bucket are addressed by their
 * deterministic names, so the stacks only need deployment ordering (see MultiRegionActiveActive).
 */
export class ActiveActiveRegionalStack extends Stack {
  public readonly encryptionKey: kms.Key;
  public readonly api: apigw.RestApi;
  public readonly handler: lambda.Function;
  public readonly bucket: s3.Bucket;
  public readonly accessLogsBucket: s3.Bucket;
  /** The global table (only in the primary stack; the peer holds a replica with the same name). */
  public readonly globalTable?: dynamodb.TableV2;
  /** Name of the global table (same in both regions). */
  public readonly tableName: string;
  /** Role S3 uses to replicate this region's bucket into the peer region's bucket. */
  public readonly replicationRole: iam.Role;
  /**
   * Primary only: configures the peer (secondary) bucket's replication back into this
   * region's bucket once both buckets exist (S3 refuses a replication rule whose destination
   * bucket does not exist yet, and the secondary deploys first).
   */
  public readonly peerReplication?: cr.AwsCustomResource;
  public readonly healthCheck: route53.HealthCheck;
  public readonly record: route53.ARecord;
  public readonly domainName: apigw.DomainName;

  constructor(
    scope: Construct,
    id: string,
    props: ActiveActiveRegionalStackProps,
  ) {
    super(scope, id, {
      ...props,
      env: { account: props.env?.account, region: props.region },
    });
    this.node.setContext(SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const removalPolicy = removalPolicyOf(props);
    this.tableName = `${props.serviceName}-items`;

    this.encryptionKey = createServiceKey(
      this,
      'Key',
      `${props.serviceName} (${props.region}): logs`,
      removalPolicy,
    );

    // ---------------------------------------------------------------- data: global table + replicated bucket (data.ts, replication.ts)
    if (props.isPrimary) {
      this.globalTable = createGlobalTable(
        this,
        this.tableName,
        props,
        removalPolicy,
      );
    }
    ({ accessLogsBucket: this.accessLogsBucket, bucket: this.bucket } =
      createDataBuckets(this, props, removalPolicy));
    this.replicationRole = createReplicationRole(this, this.bucket, props);
    if (props.isPrimary) {
      this.peerReplication = replicateBothWays(
        this,
        this.bucket,
        this.replicationRole,
        props,
      );
    }

    // ---------------------------------------------------------------- compute + API, sized for full load (api.ts)
    ({ handler: this.handler, api: this.api } = createRegionalApi(this, props, {
      encryptionKey: this.encryptionKey,
      removalPolicy,
      tableName: this.tableName,
    }));
    if (wafEnabled(props)) {
      createRegionalWebAcl(this, 'WebAcl', {
        // the handler accepts up to 64 KB
        maxRequestBodyBytes: 64 * 1024,
        resourceArn: this.api.deploymentStage.stageArn,
        metricName: `${props.serviceName}-${props.region}`,
        // Per-IP limit must not cut below what one region has to absorb on failover.
        rateLimitPer5Minutes: Math.max(
          2000,
          props.fullLoadRequestsPerSecond * 300,
        ),
      });
    }

    // ---------------------------------------------------------------- custom domain + DNS (dns.ts)
    ({
      domainName: this.domainName,
      healthCheck: this.healthCheck,
      record: this.record,
    } = createCustomDomainAndDns(this, this.api, props));

    new CfnOutput(this, 'RegionalEndpoint', { value: this.api.url });
    new CfnOutput(this, 'PerRegionCapacityRps', {
      value: String(props.fullLoadRequestsPerSecond),
    });
  }

  /** Deterministic name of the data bucket of `serviceName` in `region` (account resolved at deploy time). */
  public static bucketName(serviceName: string, region: string): string {
    return dataBucketName(serviceName, region);
  }

  /** Deterministic name of the replication role of `serviceName` in `region` (IAM names are account-wide). */
  public static replicationRoleName(
    serviceName: string,
    region: string,
  ): string {
    return replicationRoleName(serviceName, region);
  }
}

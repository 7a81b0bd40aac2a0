import { Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ActiveActiveRegionalStack } from './constructs/multi-region-active-active/active-active-regional-stack';
import { MultiRegionActiveActive } from './constructs/multi-region-active-active/multi-region-active-active';

/** Owns the DynamoDB global table and replicates its S3 bucket to the secondary region. */
export const PRIMARY_REGION = '${{ values.primaryRegion }}';
/** Serves traffic at all times too; deployed first (it holds the replication destination bucket). */
export const SECONDARY_REGION = '${{ values.secondaryRegion }}';

/**
 * ${{ values.name }}, active-active in ${{ values.primaryRegion }} and ${{ values.secondaryRegion }}:
 * Route 53 ${{ values.routingPolicy }} records with health checks -> a regional API Gateway and
 * Lambda function per region -> that region's replica of a DynamoDB global table; S3 cross-region
 * replication. Each region is sized for the full load of ${{ values.fullLoadRequestsPerSecond }} requests per second.
 * Generated from the ${{ values.templateName }} template ${{ values.templateVersion }}
 * (pattern ${{ values.pattern }}); the options chosen then are written in below.
 *
 * Not a Stack: MultiRegionActiveActive creates one stack per region (stack names
 * `${{ values.name }}-<region>`), so it is created in the App.
 */
export class ActiveActiveService extends Construct {
  public readonly deployment: MultiRegionActiveActive;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.deployment = new MultiRegionActiveActive(this, 'Regions', {
      regions: [PRIMARY_REGION, SECONDARY_REGION],
      serviceName: '${{ values.name }}',
      domainName: '${{ values.domainName }}',
      hostedZoneName: '${{ values.hostedZoneName }}',
      hostedZoneId: '${{ values.hostedZoneId }}',
      routingPolicy: '${{ values.routingPolicy }}',
      fullLoadRequestsPerSecond: ${{ values.fullLoadRequestsPerSecond }},
      // DNS-validated ACM certificates are created in the hosted zone; to use existing ones:
      // certificateArns: { [PRIMARY_REGION]: 'arn:aws:acm:...', [SECONDARY_REGION]: 'arn:aws:acm:...' },
    });
    Tags.of(this).add('service', '${{ values.name }}');
    Tags.of(this).add('architecture-pattern', '${{ values.pattern }}');
  }

  /** The stack in the primary region. */
  public get primary(): ActiveActiveRegionalStack {
    return this.deployment.primary;
  }

  /** The stack in the secondary region. */
  public get secondary(): ActiveActiveRegionalStack {
    return this.deployment.secondary;
  }
}

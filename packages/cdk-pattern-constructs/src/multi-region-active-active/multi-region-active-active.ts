import { Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  DOMAIN_NAME_PATTERN,
  NAME_PREFIX_PATTERN,
  REGION_PATTERN,
  validateIntegerRange,
  validateOneOf,
  validatePattern,
} from '../common/validation';
import { ActiveActiveRegionalStack } from './active-active-regional-stack';
import { ActiveActiveEndpointProps } from './endpoint-props';

/**
 * Properties of {@link MultiRegionActiveActive}. `enableWaf`, `apiGatewayCloudWatchRole` and
 * `removalPolicy` apply to both regional stacks.
 */
export interface MultiRegionActiveActiveProps
  extends ActiveActiveEndpointProps {
  /**
   * Exactly two distinct AWS regions. The first is the primary: it owns the DynamoDB global
   * table definition and replicates its S3 bucket to the second.
   */
  readonly regions: string[];
  /**
   * Account of both stacks (12 digits).
   * @default - resolved at deploy time from the credentials (region-specific, account-agnostic stacks)
   */
  readonly account?: string;
  /**
   * Existing ACM certificates for `domainName`, by region.
   * @default - a DNS-validated certificate is created in each region
   */
  readonly certificateArns?: { [region: string]: string };
}

/**
 * Active-active deployment of one service in two regions: two {@link ActiveActiveRegionalStack}s
 * (stack names `<serviceName>-<region>`), each able to carry 100 % of the load, sharing a DynamoDB
 * global table, with S3 cross-region replication and Route 53 latency/weighted routing plus
 * health checks.
 *
 * Must be created directly in an App or Stage (it creates stacks). Deployment order is encoded
 * as a stack dependency: the secondary stack (replication destination bucket) deploys first.
 */
export class MultiRegionActiveActive extends Construct {
  public readonly primary: ActiveActiveRegionalStack;
  public readonly secondary: ActiveActiveRegionalStack;
  public readonly stacks: ActiveActiveRegionalStack[];

  constructor(
    scope: Construct,
    id: string,
    props: MultiRegionActiveActiveProps,
  ) {
    super(scope, id);
    if (scope.node.scopes.some(s => Stack.isStack(s))) {
      throw new Error(
        'MultiRegionActiveActive must be created in an App or Stage (it creates one stack per region), not inside a Stack.',
      );
    }
    // ---------------------------------------------------------------- validation
    if (!Array.isArray(props.regions) || props.regions.length !== 2) {
      throw new Error(
        `Invalid regions: ${JSON.stringify(
          props.regions,
        )} - exactly two regions are required (e.g. ["us-east-1", "eu-west-1"]).`,
      );
    }
    props.regions.forEach((r, i) => {
      if (Token.isUnresolved(r)) {
        throw new Error(
          `Invalid regions[${i}]: must be a literal region name, not a token.`,
        );
      }
      validatePattern(
        `regions[${i}]`,
        r,
        REGION_PATTERN,
        'must be an AWS region code such as us-east-1',
      );
    });
    if (props.regions[0] === props.regions[1]) {
      throw new Error(
        `Invalid regions: "${props.regions[0]}" is listed twice - the two regions must be distinct.`,
      );
    }
    validatePattern(
      'account',
      props.account,
      /^\d{12}$/,
      'must be a 12-digit AWS account id',
    );
    validatePattern(
      'serviceName',
      props.serviceName,
      NAME_PREFIX_PATTERN,
      'must be 3-32 lower-case letters, digits or "-", starting with a letter',
    );
    validatePattern(
      'hostedZoneName',
      props.hostedZoneName,
      DOMAIN_NAME_PATTERN,
      'must be a valid lower-case DNS domain such as example.com (no trailing dot)',
    );
    validatePattern(
      'domainName',
      props.domainName,
      DOMAIN_NAME_PATTERN,
      'must be a valid lower-case DNS name such as api.example.com (no trailing dot)',
    );
    if (
      !Token.isUnresolved(props.domainName) &&
      !Token.isUnresolved(props.hostedZoneName) &&
      props.domainName !== props.hostedZoneName &&
      !props.domainName.endsWith(`.${props.hostedZoneName}`)
    ) {
      throw new Error(
        `Invalid domainName "${props.domainName}": must be inside hostedZoneName "${props.hostedZoneName}".`,
      );
    }
    validatePattern(
      'hostedZoneId',
      props.hostedZoneId,
      /^Z[A-Z0-9]{1,31}$/,
      'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ',
    );
    validateOneOf('routingPolicy', props.routingPolicy, [
      'latency',
      'weighted',
    ]);
    validateIntegerRange(
      'fullLoadRequestsPerSecond',
      props.fullLoadRequestsPerSecond,
      1,
      10000,
    );
    for (const region of Object.keys(props.certificateArns ?? {})) {
      if (!props.regions.includes(region)) {
        throw new Error(
          `Invalid certificateArns: region "${region}" is not one of regions (${props.regions.join(
            ', ',
          )}).`,
        );
      }
      const arn = props.certificateArns![region];
      if (
        !Token.isUnresolved(arn) &&
        !new RegExp(
          `^arn:aws[a-z-]*:acm:${region}:\\d{12}:certificate/[A-Za-z0-9-]+$`,
        ).test(arn)
      ) {
        throw new Error(
          `Invalid certificateArns["${region}"] "${arn}": must be an ACM certificate ARN in ${region}.`,
        );
      }
    }

    const [primaryRegion, secondaryRegion] = props.regions;
    const common = {
      env: { account: props.account },
      serviceName: props.serviceName,
      domainName: props.domainName,
      hostedZoneId: props.hostedZoneId,
      hostedZoneName: props.hostedZoneName,
      routingPolicy: props.routingPolicy,
      fullLoadRequestsPerSecond: props.fullLoadRequestsPerSecond,
      enableWaf: props.enableWaf,
      apiGatewayCloudWatchRole: props.apiGatewayCloudWatchRole,
      removalPolicy: props.removalPolicy,
    };
    this.primary = new ActiveActiveRegionalStack(this, 'Primary', {
      ...common,
      stackName: `${props.serviceName}-${primaryRegion}`,
      description: `${props.serviceName} active-active (primary, ${primaryRegion})`,
      region: primaryRegion,
      peerRegion: secondaryRegion,
      isPrimary: true,
      certificateArn: props.certificateArns?.[primaryRegion],
    });
    this.secondary = new ActiveActiveRegionalStack(this, 'Secondary', {
      ...common,
      stackName: `${props.serviceName}-${secondaryRegion}`,
      description: `${props.serviceName} active-active (secondary, ${secondaryRegion})`,
      region: secondaryRegion,
      peerRegion: primaryRegion,
      isPrimary: false,
      certificateArn: props.certificateArns?.[secondaryRegion],
    });
    // The primary's bucket replicates into the secondary's bucket, which must exist first.
    this.primary.addStackDependency(
      this.secondary,
      'S3 replication destination bucket must exist',
    );
    this.stacks = [this.primary, this.secondary];
  }
}

import { Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  validateIntegerRange,
  validateMinMax,
  validateNumberRange,
  validateOneOf,
  validatePattern,
} from '../common/validation';
import type {
  ThreeTierDatabaseEngine,
  ThreeTierWebAppProps,
  TierProps,
} from './three-tier-web-app';

const DATABASE_ENGINES: readonly ThreeTierDatabaseEngine[] = [
  'aurora-postgresql',
  'dynamodb',
  'both',
];

/**
 * Checks the props of a {@link ThreeTierWebApp} (and its stack's environment) up front, so a
 * wrong value fails synthesis with a message that names the prop.
 */
export function validateThreeTierWebAppProps(
  scope: Construct,
  props: ThreeTierWebAppProps,
): void {
  validateOneOf('databaseEngine', props.databaseEngine, DATABASE_ENGINES);
  validatePattern(
    'vpcCidr',
    props.vpcCidr,
    /^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|20)$/,
    'must be an IPv4 CIDR with a prefix length between /16 and /20',
  );
  validatePattern(
    'publicIngressCidr',
    props.publicIngressCidr,
    /^(\d{1,3}\.){3}\d{1,3}\/([0-9]|[12][0-9]|3[0-2])$/,
    'must be an IPv4 CIDR such as 0.0.0.0/0 or 203.0.113.0/24',
  );
  if (
    props.availabilityZones !== undefined &&
    (props.availabilityZones.length < 2 || props.availabilityZones.length > 6)
  ) {
    throw new Error(
      `Invalid availabilityZones: ${props.availabilityZones.length} given, must list between 2 and 6 Availability Zones.`,
    );
  }
  const stack = Stack.of(scope);
  if (Token.isUnresolved(stack.region)) {
    throw new Error(
      'ThreeTierWebApp requires a region-specific stack (env: { region: ... }): ALB access logging needs the regional Elastic Load Balancing account. The account may stay unresolved.',
    );
  }
  if (
    !Token.isUnresolved(stack.account) &&
    props.availabilityZones === undefined
  ) {
    throw new Error(
      'Invalid availabilityZones: required when the stack has an explicit account and region, otherwise CDK would perform an Availability Zone context lookup. Pass e.g. ["eu-west-1a", "eu-west-1b"] or leave the account unresolved.',
    );
  }
  const azCount = props.availabilityZones?.length ?? 2;
  validateIntegerRange('natGateways', props.natGateways, 1, azCount);
  validateIntegerRange('appPort', props.appPort, 1024, 65535);
  validateIntegerRange(
    'maxRequestBodyBytes',
    props.maxRequestBodyBytes,
    1024,
    100 * 1024 * 1024,
  );
  validateIntegerRange('databasePort', props.databasePort, 1150, 65535);
  validateTier('webTier', props.webTier);
  validateTier('appTier', props.appTier);
  validateNumberRange('auroraMinCapacity', props.auroraMinCapacity, 0, 256);
  validateNumberRange('auroraMaxCapacity', props.auroraMaxCapacity, 1, 256);
  for (const [name, v] of [
    ['auroraMinCapacity', props.auroraMinCapacity],
    ['auroraMaxCapacity', props.auroraMaxCapacity],
  ] as const) {
    if (v !== undefined && (v * 2) % 1 !== 0) {
      throw new Error(`Invalid ${name} ${v}: must be a multiple of 0.5 ACU.`);
    }
  }
  validateMinMax(
    'auroraMinCapacity',
    props.auroraMinCapacity ?? 0.5,
    'auroraMaxCapacity',
    props.auroraMaxCapacity ?? 4,
  );
  if (
    props.certificateArn !== undefined &&
    !Token.isUnresolved(props.certificateArn) &&
    !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(
      props.certificateArn,
    )
  ) {
    throw new Error(
      `Invalid certificateArn "${props.certificateArn}": must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>).`,
    );
  }
}

function validateTier(propName: string, tier: TierProps | undefined): void {
  if (!tier) {
    return;
  }
  validateIntegerRange(`${propName}.minCapacity`, tier.minCapacity, 1, 100);
  validateIntegerRange(`${propName}.maxCapacity`, tier.maxCapacity, 1, 100);
  validateMinMax(
    `${propName}.minCapacity`,
    tier.minCapacity ?? 2,
    `${propName}.maxCapacity`,
    tier.maxCapacity ?? 6,
  );
  validateNumberRange(
    `${propName}.targetCpuUtilizationPercent`,
    tier.targetCpuUtilizationPercent,
    10,
    90,
  );
}

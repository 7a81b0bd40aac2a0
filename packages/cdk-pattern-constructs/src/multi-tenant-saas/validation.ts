import {
  TENANT_ID_PATTERN,
  validateIntegerRange,
  validateMinMax,
  validateNumberRange,
  validateOneOf,
  validatePattern,
  validateUnique,
} from '../common/validation';
import type {
  IsolationModel,
  MultiTenantSaasProps,
  TenantTier,
} from './multi-tenant-saas';

const ISOLATION_MODELS: readonly IsolationModel[] = ['silo', 'bridge', 'pool'];
/** The usage-plan tiers, in the order their plans are created. */
export const TIERS: readonly TenantTier[] = ['basic', 'standard', 'premium'];

/**
 * Checks the props of a {@link MultiTenantSaas} up front, so a wrong value fails synthesis with
 * a message that names the prop.
 */
export function validateMultiTenantSaasProps(
  props: MultiTenantSaasProps,
): void {
  validateOneOf('isolationModel', props.isolationModel, ISOLATION_MODELS);
  const model = props.isolationModel ?? 'bridge';
  const tenants = props.tenants ?? [];
  tenants.forEach((t, i) => {
    validatePattern(
      `tenants[${i}].tenantId`,
      t.tenantId,
      TENANT_ID_PATTERN,
      'must be 2-32 lower-case letters, digits or "-", starting with a letter and not ending with "-"',
    );
    validateOneOf(`tenants[${i}].tier`, t.tier, TIERS);
  });
  validateUnique(
    'tenants[].tenantId',
    tenants.map(t => t.tenantId),
  );
  if (model === 'silo' && (tenants.length < 1 || tenants.length > 10)) {
    throw new Error(
      `Invalid tenants: isolationModel 'silo' creates one database cluster per tenant and needs between 1 and 10 tenants (got ${tenants.length}).`,
    );
  }
  if (tenants.length > 100) {
    throw new Error(
      `Invalid tenants: at most 100 tenants can be provisioned at deploy time (got ${tenants.length}).`,
    );
  }
  for (const tier of TIERS) {
    const t = props.tierThrottling?.[tier];
    if (t) {
      validateIntegerRange(
        `tierThrottling.${tier}.rateLimit`,
        t.rateLimit,
        1,
        10000,
      );
      validateIntegerRange(
        `tierThrottling.${tier}.burstLimit`,
        t.burstLimit,
        1,
        5000,
      );
      validateIntegerRange(
        `tierThrottling.${tier}.quotaPerDay`,
        t.quotaPerDay,
        1,
        1_000_000_000,
      );
    }
  }
  validatePattern(
    'vpcCidr',
    props.vpcCidr,
    /^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-4])$/,
    'must be an IPv4 CIDR with a prefix length between /16 and /24',
  );
  validateNumberRange('auroraMinCapacity', props.auroraMinCapacity, 0, 256);
  validateNumberRange('auroraMaxCapacity', props.auroraMaxCapacity, 1, 256);
  validateMinMax(
    'auroraMinCapacity',
    props.auroraMinCapacity ?? 0.5,
    'auroraMaxCapacity',
    props.auroraMaxCapacity ?? 4,
  );
  validateOneOf('cognitoFeaturePlan', props.cognitoFeaturePlan, [
    'essentials',
    'plus',
  ]);
  validatePattern(
    'metricNamespace',
    props.metricNamespace,
    /^[A-Za-z0-9._/#:-]{1,255}$/,
    'must be 1-255 characters of letters, digits and . _ / # : -',
  );
  validateIntegerRange(
    'tenantErrorAlarmThreshold',
    props.tenantErrorAlarmThreshold,
    1,
    10000,
  );
}

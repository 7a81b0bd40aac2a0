import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarmTopic } from '../common/alarm-topic';
import type { TenantDefinition } from './multi-tenant-saas';

/**
 * The alarm topic (`AlarmTopic` in `scope`) and, per tenant, an alarm on its 5xx responses
 * (`TenantErrors-<tenant>`, added to `tenantErrorAlarms`) that notifies it.
 */
export function createTenantAlarms(
  scope: Construct,
  options: {
    tenants: TenantDefinition[];
    encryptionKey: kms.Key;
    /** 5xx responses within 5 minutes that trigger a tenant's alarm. */
    threshold: number;
    /** The tenant's `Errors` metric. */
    errorsMetric: (tenantId: string) => cloudwatch.IMetric;
    tenantErrorAlarms: { [tenantId: string]: cloudwatch.Alarm };
  },
): sns.Topic {
  const { tenants, tenantErrorAlarms } = options;
  const alarmTopic = createAlarmTopic(
    scope,
    'AlarmTopic',
    options.encryptionKey,
  );
  for (const t of tenants) {
    tenantErrorAlarms[t.tenantId] = new cloudwatch.Alarm(
      scope,
      `TenantErrors-${t.tenantId}`,
      {
        alarmDescription: `5xx responses of tenant ${t.tenantId}`,
        metric: options.errorsMetric(t.tenantId),
        threshold: options.threshold,
        comparisonOperator:
          cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      },
    );
    tenantErrorAlarms[t.tenantId].addAlarmAction(
      new cw_actions.SnsAction(alarmTopic),
    );
  }
  return alarmTopic;
}

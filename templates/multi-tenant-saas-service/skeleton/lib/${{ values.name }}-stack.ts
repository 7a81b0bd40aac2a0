import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IsolationModel, MultiTenantSaas, TenantDefinition } from './constructs/multi-tenant-saas/multi-tenant-saas';

/** How tenants' data is separated in Aurora PostgreSQL (bridge | silo | pool). */
export const ISOLATION_MODEL: IsolationModel = '${{ values.isolationModel }}';

/**
 * Tenants provisioned at deployment: each gets an API key bound to its tier's usage plan
 * (basic | standard | premium), an error alarm on its own metrics and, for the bridge model, its
 * schema (silo: its own Aurora cluster). Users must carry the same id in custom:tenant_id.
 */
export const TENANTS: TenantDefinition[] = [
{%- for tenant in values.tenants %}
  { tenantId: '${{ tenant }}', tier: 'basic' },
{%- endfor %}
];

/**
 * ${{ values.name }}: Cognito (immutable custom:tenant_id) -> API Gateway (Cognito authorizer,
 * usage plan per tier, API key per tenant) -> Lambda that takes the tenant only from the token ->
 * Aurora PostgreSQL with row-level security (${{ values.isolationModel }} model) and an S3 bucket whose
 * objects are reachable only under the caller's tenant prefix.
 * Generated from the ${{ values.templateName }} template ${{ values.templateVersion }}
 * (pattern ${{ values.pattern }}); the options chosen then are written in above and below.
 */
export class MultiTenantSaasServiceStack extends Stack {
  public readonly saas: MultiTenantSaas;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      description: '${{ values.name }}: multi-tenant SaaS backend (Cognito, API Gateway, Lambda, Aurora with row-level security, S3)',
      ...props,
    });
    Tags.of(this).add('service', '${{ values.name }}');
    Tags.of(this).add('architecture-pattern', '${{ values.pattern }}');

    this.saas = new MultiTenantSaas(this, 'Saas', {
      isolationModel: ISOLATION_MODEL,
      tenants: TENANTS,
      metricNamespace: '${{ values.name }}',{% if values.databaseAdminUsername %}
      // The clusters were created with this administrator; renaming it would replace them.
      databaseAdminUsername: '${{ values.databaseAdminUsername }}',{% endif %}
    });
  }
}

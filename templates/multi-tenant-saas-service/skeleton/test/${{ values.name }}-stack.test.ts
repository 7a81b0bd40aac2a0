import * as fs from 'fs';
import * as path from 'path';
import { App, CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { conformanceFindings } from '../lib/constructs/test-utils/conformance';
import { controlTowerFindings } from '../lib/constructs/test-utils/control-tower';
import { nagFindings } from '../lib/constructs/test-utils/nag';
import { validatedTemplate } from '../lib/constructs/test-utils/synth';
import { ISOLATION_MODEL, MultiTenantSaasServiceStack, TENANTS } from '../lib/${{ values.name }}-stack';
import { cdkApp } from './cdk-app';

/*
 * Asserts the properties that make ${{ values.name }} an implementation of the
 * ${{ values.pattern }} pattern, on the template this repository synthesises.
 * The app is synthesised once, as `npx cdk synth` does (cdk.json feature flags), with
 * CDK template validation on.
 */
const TENANT_IDS = ${{ values.tenants | dump }};
const MODEL_SQL = '${{ 'bridge' if values.isolationModel == 'bridge' else 'pool' }}.sql';

describe('${{ values.name }} (${{ values.pattern }}, ${{ values.isolationModel }} isolation)', () => {
  let app: App;
  let stack: MultiTenantSaasServiceStack;
  let template: Template;
  const ref = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);

  beforeAll(() => {
    app = cdkApp();
    stack = new MultiTenantSaasServiceStack(app, '${{ values.name }}');
    template = validatedTemplate(stack);
  });

  test('the chosen model and tenants are the ones deployed', () => {
    expect(ISOLATION_MODEL).toBe('${{ values.isolationModel }}');
    expect(TENANTS.map((t) => t.tenantId)).toEqual(TENANT_IDS);
    expect(stack.saas.isolationModel).toBe('${{ values.isolationModel }}');
  });

  test('Cognito users carry an immutable custom:tenant_id that the app client can read but never write', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: [Match.objectLike({ Name: 'tenant_id', AttributeDataType: 'String', Mutable: false })],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ReadAttributes: Match.arrayWith(['custom:tenant_id']),
      WriteAttributes: ['email'],
    });
  });

  test('every API method requires the tenant authorizer (verifies the Cognito ID token) and the API key it binds to the token\'s tenant', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')) as any[];
    expect(methods.length).toBeGreaterThan(0);
    for (const m of methods) {
      expect(m.Properties).toMatchObject({ AuthorizationType: 'CUSTOM', ApiKeyRequired: true });
    }
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      AuthorizerUri: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
  });

  test('per-tenant throttling: a usage plan per tier and one API key per tenant, bound to its tier\'s plan', () => {
    template.resourceCountIs('AWS::ApiGateway::UsagePlan', 3);
    template.resourceCountIs('AWS::ApiGateway::ApiKey', TENANTS.length);
    for (const tenant of TENANTS) {
      template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
        KeyId: { Ref: ref(stack.saas.apiKeys[tenant.tenantId]) },
        UsagePlanId: { Ref: ref(stack.saas.usagePlans[tenant.tier ?? 'basic']) },
      });
    }
  });

  test('row-level security: the ${{ values.isolationModel }} SQL ships as the migration asset and is applied on every deploy', () => {
    expect(stack.saas.migrationSqlFiles.map((f) => path.basename(f))).toEqual(['common.sql', MODEL_SQL]);
    const sql = fs.readFileSync(stack.saas.migrationSqlFiles[1], 'utf8');
    expect(sql).toMatch(/ENABLE ROW LEVEL SECURITY/);
    expect(sql).toMatch(/CREATE POLICY tenant_isolation/);
    template.hasResourceProperties('Custom::TenantIsolationMigration', {
      IsolationModel: '${{ values.isolationModel }}',
      SqlSha256: Match.stringLikeRegexp('^[0-9a-f]{64}$'),
    });
    // The SQL is inside the migration function's code asset in the cloud assembly.
    const fn = Object.values(template.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('row-level security') },
    })) as any[];
    expect(fn).toHaveLength(1);
    const assetHash = fn[0].Properties.Code.S3Key.replace(/\.zip$/, '');
    const assetDir = path.join(app.synth().directory, `asset.${assetHash}`, 'sql');
    expect(fs.readdirSync(assetDir)).toEqual(expect.arrayContaining(['common.sql', MODEL_SQL]));
{%- if values.isolationModel == 'silo' %}
    // Silo: one Aurora cluster per tenant, each migrated for its own tenant.
    template.resourceCountIs('AWS::RDS::DBCluster', TENANTS.length);
{%- else %}
    // ${{ values.isolationModel }}: one shared Aurora cluster, migrated for every tenant.
    template.resourceCountIs('AWS::RDS::DBCluster', 1);
    template.hasResourceProperties('Custom::TenantIsolationMigration', { Targets: [Match.objectLike({ Tenants: TENANT_IDS })] });
{%- endif %}
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: stack.saas.vpc.isolatedSubnets.map((s) => ({ Ref: ref(s) })),
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('the bucket policy denies object access outside the caller\'s own tenant prefix', () => {
    const bucket = ref(stack.saas.bucket);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyObjectAccessOutsideCallerTenantPrefix',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            NotResource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/${aws:PrincipalTag/tenant_id}/*']] },
          }),
          Match.objectLike({ Sid: 'DenyListingOutsideCallerTenantPrefix', Effect: 'Deny' }),
        ]),
      },
    });
  });

  test('per-tenant metrics: an error alarm on the TenantId dimension for each tenant', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', TENANTS.length);
    for (const tenant of TENANT_IDS) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: '${{ values.name }}',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'TenantId', Value: tenant }],
      });
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ METRIC_NAMESPACE: '${{ values.name }}', ISOLATION_MODEL: '${{ values.isolationModel }}' }) },
    });
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });

  test('AWS Control Tower proactive controls (cfn-guard): every failing control is fixed or acknowledged on its resource', () => {
    // A fresh app: the policy-validation plugin runs at synthesis, as in `npx cdk synth`.
    const controlApp = cdkApp();
    new MultiTenantSaasServiceStack(controlApp, '${{ values.name }}');
    expect(controlTowerFindings(controlApp)).toEqual([]);
  });

  test('conforms to the ${{ values.pattern }} pattern: the rules in conformance/, which the portal also checks', () => {
    const conformanceApp = cdkApp();
    new MultiTenantSaasServiceStack(conformanceApp, '${{ values.name }}');
    expect(conformanceFindings(conformanceApp)).toEqual([]);
  });
});

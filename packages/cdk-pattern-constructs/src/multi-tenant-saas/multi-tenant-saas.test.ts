import * as crypto from 'crypto';
import * as fs from 'fs';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { nagFindings } from '../test-utils/nag';
import {
  fastTemplate,
  strictApp,
  validatedTemplate,
} from '../test-utils/synth';
import { MultiTenantSaas, MultiTenantSaasProps } from './multi-tenant-saas';

function build(props: MultiTenantSaasProps = {}, app: App = new App()) {
  const stack = new Stack(app, 'Saas');
  const saas = new MultiTenantSaas(stack, 'Saas', props);
  return { app, stack, saas };
}
const ref = (stack: Stack, c: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(c.node.defaultChild as any);

describe('MultiTenantSaas (default: bridge)', () => {
  let app: App;
  let stack: Stack;
  let saas: MultiTenantSaas;
  let template: Template;

  beforeAll(() => {
    ({ app, stack, saas } = build(
      {
        tenants: [
          { tenantId: 'acme', tier: 'premium' },
          { tenantId: 'globex' },
        ],
      },
      strictApp(),
    ));
    // The one synthesis of this pattern with CDK template validation ON.
    template = validatedTemplate(stack);
  });

  test('bridge is the default isolation model', () => {
    expect(saas.isolationModel).toBe('bridge');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ ISOLATION_MODEL: 'bridge' }),
      },
    });
  });

  test('Cognito user pool with an immutable custom:tenant_id that app clients cannot write', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: [
        {
          Name: 'tenant_id',
          AttributeDataType: 'String',
          Mutable: false,
          StringAttributeConstraints: Match.anyValue(),
        },
      ],
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: 'PLUS',
    });
    // OAuth is off: no implicit grant, no example.com callback, no admin scope.
    const [client] = Object.values(
      template.findResources('AWS::Cognito::UserPoolClient'),
    );
    for (const prop of [
      'AllowedOAuthFlows',
      'AllowedOAuthScopes',
      'CallbackURLs',
    ]) {
      expect(client.Properties[prop]).toBeUndefined();
    }
    expect(client.Properties.AllowedOAuthFlowsUserPoolClient).toBe(false);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ReadAttributes: Match.arrayWith(['custom:tenant_id']),
      WriteAttributes: ['email'],
    });
  });

  test("every API method uses the tenant authorizer, which supplies the token's tenant's API key", () => {
    const methods = template.findResources('AWS::ApiGateway::Method');
    expect(Object.keys(methods)).toHaveLength(5);
    const authorizers = Object.keys(
      template.findResources('AWS::ApiGateway::Authorizer'),
    );
    expect(authorizers).toHaveLength(1);
    for (const m of Object.values(methods) as any[]) {
      expect(m.Properties.AuthorizationType).toBe('CUSTOM');
      expect(m.Properties.ApiKeyRequired).toBe(true);
      expect(m.Properties.AuthorizerId).toEqual({ Ref: authorizers[0] });
    }
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
    });
    // The key comes from the authorizer, never from a client's x-api-key header.
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      ApiKeySourceType: 'AUTHORIZER',
    });
    // The authorizer knows each tenant's own key, verifies tokens of this pool and client,
    // and may read those keys only.
    const fn = ref(stack, saas.tenantAuthorizer);
    const env = template.findResources('AWS::Lambda::Function')[fn].Properties
      .Environment.Variables;
    const keys = JSON.stringify(env.TENANT_API_KEYS);
    for (const tenant of ['acme', 'globex']) {
      expect(keys).toContain(`"${tenant}\\":\\"`);
      expect(keys).toContain(ref(stack, saas.apiKeys[tenant] as any));
    }
    expect(JSON.stringify(env.CLIENT_ID)).toContain(
      ref(stack, saas.userPoolClient),
    );
    expect(JSON.stringify(env.ISSUER)).toContain(ref(stack, saas.userPool));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'apigateway:GET',
            Resource: Match.anyValue(),
          }),
        ]),
      },
    });
  });

  test('per-tenant throttling: a usage plan per tier and an API key per tenant bound to its tier', () => {
    template.resourceCountIs('AWS::ApiGateway::UsagePlan', 3);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 200, BurstLimit: 400 },
      Quota: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 10, BurstLimit: 20 },
      Quota: { Limit: 10000, Period: 'DAY' },
    });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 2);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
      KeyId: {
        Ref: stack.getLogicalId(saas.apiKeys.acme.node.defaultChild as any),
      },
      UsagePlanId: { Ref: ref(stack, saas.usagePlans.premium) },
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
      KeyId: {
        Ref: stack.getLogicalId(saas.apiKeys.globex.node.defaultChild as any),
      },
      UsagePlanId: { Ref: ref(stack, saas.usagePlans.basic) },
    });
  });

  test('Aurora PostgreSQL (encrypted, Data API, RDS-managed secret) in isolated subnets, SG without ingress', () => {
    template.resourceCountIs('AWS::RDS::DBCluster', 1);
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      StorageEncrypted: true,
      EnableHttpEndpoint: true,
      ManageMasterUserPassword: true,
      DeletionProtection: true,
    });
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: saas.vpc.isolatedSubnets.map(s => ({ Ref: ref(stack, s) })),
    });
    expect(saas.vpc.publicSubnets).toHaveLength(0);
    expect(saas.vpc.privateSubnets).toHaveLength(0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('no ingress'),
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('the handler has its own database secret (tenant_api) and no access to the master secret', () => {
    const cluster = ref(stack, saas.databases.shared);
    const masterSecret = {
      'Fn::GetAtt': [cluster, 'MasterUserSecret.SecretArn'],
    };
    const apiSecret = stack.resolve(saas.apiDatabaseSecrets.shared.secretArn);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({
        SecretStringTemplate: JSON.stringify({ username: 'tenant_api' }),
      }),
      KmsKeyId: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ SECRET_ARN: apiSecret }),
      },
    });
    const handlerRole = ref(stack, saas.handlerRole);
    const handlerPolicies = Object.values(
      template.findResources('AWS::IAM::Policy'),
    ).filter((p: any) =>
      JSON.stringify(p.Properties.Roles).includes(`"${handlerRole}"`),
    );
    expect(handlerPolicies.length).toBeGreaterThan(0);
    const text = JSON.stringify(handlerPolicies);
    expect(text).not.toContain(JSON.stringify(masterSecret));
    expect(text).toContain(JSON.stringify(apiSecret));
    // The migration alone uses the master secret.
    template.hasResourceProperties('Custom::TenantIsolationMigration', {
      Targets: [
        Match.objectLike({ SecretArn: masterSecret, ApiSecretArn: apiSecret }),
      ],
    });
  });

  test('the bridge SQL (schema-per-tenant + RLS) is shipped as an asset and applied by a custom resource', () => {
    expect(saas.migrationSqlFiles.map(f => f.split('/').pop())).toEqual([
      'common.sql',
      'bridge.sql',
    ]);
    const hash = crypto.createHash('sha256');
    saas.migrationSqlFiles.forEach(f => hash.update(fs.readFileSync(f)));
    template.hasResourceProperties('Custom::TenantIsolationMigration', {
      ServiceToken: {
        'Fn::GetAtt': [Match.stringLikeRegexp('MigrationFunction'), 'Arn'],
      },
      IsolationModel: 'bridge',
      Database: 'saas',
      SqlSha256: hash.digest('hex'),
      Targets: [Match.objectLike({ Tenants: ['acme', 'globex'] })],
    });
    expect(fs.readFileSync(saas.migrationSqlFiles[1], 'utf8')).toMatch(
      /CREATE POLICY tenant_isolation/,
    );
  });

  test('tenant bucket policy denies object access outside ${aws:PrincipalTag/tenant_id}/', () => {
    const bucket = ref(stack, saas.bucket);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyObjectAccessOutsideCallerTenantPrefix',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            NotResource: {
              'Fn::Join': [
                '',
                [
                  { 'Fn::GetAtt': [bucket, 'Arn'] },
                  '/${aws:PrincipalTag/tenant_id}/*',
                ],
              ],
            },
            Condition: { Null: { 'aws:PrincipalTag/tenant_id': 'false' } },
          }),
          Match.objectLike({
            Sid: 'DenyListingOutsideCallerTenantPrefix',
            Effect: 'Deny',
          }),
          Match.objectLike({
            Sid: 'DenyTenantRoleWithoutTenantTag',
            Effect: 'Deny',
            Condition: Match.objectLike({
              Null: { 'aws:PrincipalTag/tenant_id': 'true' },
            }),
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: Match.anyValue(),
            },
          }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  test('ABAC tenant role: assumable only by the handler with a tenant_id session tag; access to the tagged prefix only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Principal: {
              AWS: { 'Fn::GetAtt': [ref(stack, saas.handlerRole), 'Arn'] },
            },
            Condition: {
              StringLike: { 'aws:RequestTag/tenant_id': '?*' },
              'ForAllValues:StringEquals': { 'aws:TagKeys': ['tenant_id'] },
            },
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: ref(stack, saas.tenantAccessRole) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
            Resource: {
              'Fn::Join': [
                '',
                [
                  { 'Fn::GetAtt': [ref(stack, saas.bucket), 'Arn'] },
                  '/${aws:PrincipalTag/tenant_id}/*',
                ],
              ],
            },
          }),
        ]),
      },
    });
  });

  test('per-tenant CloudWatch metrics (TenantId dimension) and an error alarm per tenant', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'MultiTenantSaas',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'TenantId', Value: 'acme' }],
      Statistic: 'Sum',
      Threshold: 5,
    });
    expect(
      saas.metricForTenant('globex', 'Latency').toMetricConfig().metricStat
        ?.dimensions,
    ).toEqual([{ name: 'TenantId', value: 'globex' }]);
  });

  test('API stage: access logs include the tenant claim; X-Ray; WAF', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('context.authorizer.tenantId'),
      },
    });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('MultiTenantSaas (pool)', () => {
  test('shared schema SQL (pool.sql) and one shared cluster', () => {
    const { stack, saas } = build({ isolationModel: 'pool' });
    const template = fastTemplate(stack);
    expect(saas.migrationSqlFiles.map(f => f.split('/').pop())).toEqual([
      'common.sql',
      'pool.sql',
    ]);
    template.resourceCountIs('AWS::RDS::DBCluster', 1);
    template.hasResourceProperties('Custom::TenantIsolationMigration', {
      IsolationModel: 'pool',
      Targets: [Match.objectLike({ Tenants: [] })],
    });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
  });
});

describe('MultiTenantSaas (silo)', () => {
  let app: App;
  let stack: Stack;
  let saas: MultiTenantSaas;
  let template: Template;

  beforeAll(() => {
    ({ app, stack, saas } = build({
      isolationModel: 'silo',
      tenants: [{ tenantId: 'acme' }, { tenantId: 'globex', tier: 'standard' }],
    }));
    template = fastTemplate(stack);
  });

  test('one Aurora cluster per tenant, each migrated with its own tenant', () => {
    template.resourceCountIs('AWS::RDS::DBCluster', 2);
    expect(Object.keys(saas.databases).sort()).toEqual(['acme', 'globex']);
    template.hasResourceProperties('Custom::TenantIsolationMigration', {
      IsolationModel: 'silo',
      Targets: [
        Match.objectLike({ Tenants: ['acme'] }),
        Match.objectLike({ Tenants: ['globex'] }),
      ],
    });
  });

  test('handler receives the tenant -> cluster map', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          ISOLATION_MODEL: 'silo',
          TENANT_DATABASES: Match.anyValue(),
        }),
      },
    });
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('MultiTenantSaas prop validation', () => {
  const cases: Array<[string, MultiTenantSaasProps, RegExp]> = [
    [
      'isolationModel',
      { isolationModel: 'hybrid' as any },
      /isolationModel "hybrid": must be one of 'silo', 'bridge', 'pool'/,
    ],
    [
      'silo without tenants',
      { isolationModel: 'silo' },
      /Invalid tenants: isolationModel 'silo'.*between 1 and 10 tenants \(got 0\)/,
    ],
    [
      'tenant id',
      { tenants: [{ tenantId: 'Acme Corp' }] },
      /tenants\[0\]\.tenantId "Acme Corp"/,
    ],
    [
      'duplicate tenant',
      { tenants: [{ tenantId: 'acme' }, { tenantId: 'acme' }] },
      /tenants\[\]\.tenantId: duplicate value "acme"/,
    ],
    [
      'tier',
      { tenants: [{ tenantId: 'acme', tier: 'gold' as any }] },
      /tenants\[0\]\.tier "gold": must be one of 'basic', 'standard', 'premium'/,
    ],
    [
      'tier throttling',
      { tierThrottling: { basic: { rateLimit: 0, burstLimit: 1 } } },
      /tierThrottling\.basic\.rateLimit 0/,
    ],
    [
      'aurora capacity',
      { auroraMinCapacity: 16, auroraMaxCapacity: 8 },
      /auroraMinCapacity 16.*auroraMaxCapacity \(8\)/,
    ],
    [
      'feature plan',
      { cognitoFeaturePlan: 'lite' as any },
      /cognitoFeaturePlan "lite"/,
    ],
    [
      'alarm threshold',
      { tenantErrorAlarmThreshold: 0 },
      /tenantErrorAlarmThreshold 0/,
    ],
  ];
  test.each(cases)('rejects %s', (_n, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
  test('metricForTenant validates the tenant id', () => {
    const { saas } = build({ isolationModel: 'pool' });
    expect(() => saas.metricForTenant('NOT VALID', 'Errors')).toThrow(
      /Invalid tenantId "NOT VALID"/,
    );
  });
});

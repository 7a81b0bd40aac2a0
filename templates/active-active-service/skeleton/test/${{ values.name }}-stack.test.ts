import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { conformanceFindings } from '../lib/constructs/test-utils/conformance';
import { controlTowerFindings } from '../lib/constructs/test-utils/control-tower';
import { nagFindings } from '../lib/constructs/test-utils/nag';
import { validatedTemplate } from '../lib/constructs/test-utils/synth';
import { ActiveActiveService, PRIMARY_REGION, SECONDARY_REGION } from '../lib/${{ values.name }}-stack';
import { cdkApp } from './cdk-app';

/*
 * Asserts the properties that make ${{ values.name }} an implementation of the
 * ${{ values.pattern }} pattern, on the templates this repository synthesises
 * (one per region). The app is synthesised once, as `npx cdk synth` does (cdk.json feature
 * flags), with CDK template validation on.
 */
const FULL_LOAD = ${{ values.fullLoadRequestsPerSecond }};
const TABLE = '${{ values.name }}-items';
const bucketName = (region: string) => ({ 'Fn::Join': ['', ['${{ values.name }}-data-', { Ref: 'AWS::AccountId' }, `-${region}`]] });

describe('${{ values.name }} (${{ values.pattern }})', () => {
  let app: App;
  let service: ActiveActiveService;
  let primary: Template;
  let secondary: Template;
  let both: Array<[Template, string]>;

  beforeAll(() => {
    app = cdkApp();
    service = new ActiveActiveService(app, '${{ values.name }}');
    primary = validatedTemplate(service.primary);
    // Same (cached) synthesis: the secondary region's template from the cloud assembly.
    secondary = Template.fromJSON(app.synth().getStackArtifact(service.secondary.artifactId).template);
    both = [[primary, PRIMARY_REGION], [secondary, SECONDARY_REGION]];
  });

  test('one stack in each of the two chosen regions (${{ values.primaryRegion }}, ${{ values.secondaryRegion }}); the secondary deploys first', () => {
    expect([PRIMARY_REGION, SECONDARY_REGION]).toEqual(['${{ values.primaryRegion }}', '${{ values.secondaryRegion }}']);
    expect(PRIMARY_REGION).not.toBe(SECONDARY_REGION);
    const stacks = app.synth().stacks.map((s) => [s.stackName, s.environment.region]);
    expect(stacks).toEqual(expect.arrayContaining([
      ['${{ values.name }}-${{ values.primaryRegion }}', '${{ values.primaryRegion }}'],
      ['${{ values.name }}-${{ values.secondaryRegion }}', '${{ values.secondaryRegion }}'],
    ]));
    expect(stacks).toHaveLength(2);
    expect(service.primary.dependencies).toEqual([service.secondary]);
  });

  test('DynamoDB global table defined in the primary region with a replica in the secondary region', () => {
    primary.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    primary.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: TABLE,
      SSESpecification: { SSEEnabled: true },
      Replicas: Match.arrayWith([
        Match.objectLike({ Region: SECONDARY_REGION, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        Match.objectLike({ Region: PRIMARY_REGION, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ]),
    });
    secondary.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    // Each region's function reads and writes its own replica.
    for (const [template, region] of both) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
          Resource: { 'Fn::Join': ['', Match.arrayWith([`:dynamodb:${region}:`, `:table/${TABLE}`])] },
        })]) },
      });
    }
  });

  test('S3: the primary bucket replicates to the secondary region\'s versioned bucket (replication time control, delete markers)', () => {
    primary.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: bucketName(PRIMARY_REGION),
      VersioningConfiguration: { Status: 'Enabled' },
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReplicationRole'), 'Arn'] },
        Rules: [Match.objectLike({
          Status: 'Enabled',
          DeleteMarkerReplication: { Status: 'Enabled' },
          Destination: Match.objectLike({
            Bucket: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::${{ values.name }}-data-', { Ref: 'AWS::AccountId' }, `-${SECONDARY_REGION}`]] },
            ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
          }),
        })],
      },
    });
    secondary.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: bucketName(SECONDARY_REGION),
      VersioningConfiguration: { Status: 'Enabled' },
      ReplicationConfiguration: Match.absent(),
    });
  });

  test('S3: the secondary bucket replicates back into the primary bucket (rule put by the primary stack once both buckets exist)', () => {
    secondary.hasResourceProperties('AWS::IAM::Role', { RoleName: `${{ values.name }}-s3-replication-${SECONDARY_REGION}` });
    const peers = Object.values(primary.findResources('Custom::PeerBucketReplication'));
    expect(peers).toHaveLength(1);
    const create = JSON.stringify(peers[0].Properties.Create);
    expect(create).toContain('putBucketReplication');
    expect(create).toContain(`:role/${{ values.name }}-s3-replication-${SECONDARY_REGION}`);
    expect(create).toContain(`to-${PRIMARY_REGION}`);
  });

  test('Route 53: an HTTPS health check per region against that region\'s own endpoint', () => {
    for (const [template, region] of both) {
      template.resourceCountIs('AWS::Route53::HealthCheck', 1);
      template.hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckConfig: Match.objectLike({
          Type: 'HTTPS',
          FullyQualifiedDomainName: { 'Fn::Join': ['', Match.arrayWith([`.execute-api.${region}.`])] },
          ResourcePath: { 'Fn::Join': ['', Match.arrayWith(['/health'])] },
        }),
      });
    }
  });

  test('Route 53: a ${{ values.routingPolicy }} alias record for ${{ values.domainName }} in each region, withdrawn when its health check fails', () => {
    for (const [template, region] of both) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: '${{ values.domainName }}.',
        Type: 'A',
        HostedZoneId: '${{ values.hostedZoneId }}',
        SetIdentifier: '${{ values.name }}-' + region,
{%- if values.routingPolicy == 'weighted' %}
        Weight: 50,
        Region: Match.absent(),
{%- else %}
        Region: region,
        Weight: Match.absent(),
{%- endif %}
        HealthCheckId: { Ref: Match.stringLikeRegexp('HealthCheck') },
        AliasTarget: Match.objectLike({ DNSName: { 'Fn::GetAtt': [Match.anyValue(), 'RegionalDomainName'] } }),
      });
      template.hasResourceProperties('AWS::ApiGateway::DomainName', {
        DomainName: '${{ values.domainName }}',
        EndpointConfiguration: { Types: ['REGIONAL'] },
        SecurityPolicy: 'TLS_1_2',
      });
    }
  });

  test('each region alone can carry the full load of ${{ values.fullLoadRequestsPerSecond }} requests per second', () => {
    for (const [template] of both) {
      template.hasResourceProperties('AWS::ApiGateway::Stage', {
        MethodSettings: [Match.objectLike({ ThrottlingRateLimit: FULL_LOAD, ThrottlingBurstLimit: Math.min(5000, FULL_LOAD * 2) })],
      });
      template.hasOutput('PerRegionCapacityRps', { Value: String(FULL_LOAD) });
    }
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings in either region', () => {
    expect(nagFindings(app)).toEqual([]);
  });

  test('AWS Control Tower proactive controls (cfn-guard): every failing control is fixed or acknowledged on its resource', () => {
    // A fresh app: the policy-validation plugin runs at synthesis, as in `npx cdk synth`.
    const controlApp = cdkApp();
    new ActiveActiveService(controlApp, '${{ values.name }}');
    expect(controlTowerFindings(controlApp)).toEqual([]);
  });

  test('conforms to the ${{ values.pattern }} pattern: the rules in conformance/, which the portal also checks', () => {
    const conformanceApp = cdkApp();
    new ActiveActiveService(conformanceApp, '${{ values.name }}');
    expect(conformanceFindings(conformanceApp)).toEqual([]);
  });
});

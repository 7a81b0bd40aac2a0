import { App, CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { conformanceFindings } from '../lib/constructs/test-utils/conformance';
import { controlTowerFindings } from '../lib/constructs/test-utils/control-tower';
import { nagFindings } from '../lib/constructs/test-utils/nag';
import { validatedTemplate } from '../lib/constructs/test-utils/synth';
import { REGION, ThreeTierServiceStack } from '../lib/${{ values.name }}-stack';
import { cdkApp } from './cdk-app';

/*
 * Asserts the properties that make ${{ values.name }} an implementation of the
 * ${{ values.pattern }} pattern, on the template this repository synthesises.
 * The app is synthesised once, as `npx cdk synth` does (cdk.json feature flags), with
 * CDK template validation on.
 */
describe('${{ values.name }} (${{ values.pattern }})', () => {
  let app: App;
  let stack: ThreeTierServiceStack;
  let template: Template;
  const ref = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
  const refs = (subnets: ec2.ISubnet[]) => subnets.map((s) => ({ Ref: ref(s) }));
  const sgId = (sg: ec2.ISecurityGroup) => ({ 'Fn::GetAtt': [ref(sg), 'GroupId'] });
  const props = (c: { node: { defaultChild?: unknown } }) => template.toJSON().Resources[ref(c)].Properties;

  beforeAll(() => {
    app = cdkApp();
    stack = new ThreeTierServiceStack(app, '${{ values.name }}');
    template = validatedTemplate(stack);
  });

  test('the stack is pinned to ${{ values.region }}', () => {
    expect(REGION).toBe('${{ values.region }}');
    expect(stack.region).toBe('${{ values.region }}');
  });

  test('the VPC spans two Availability Zones with public, private and isolated subnets in each', () => {
    const { vpc } = stack.webApp;
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    expect(vpc.publicSubnets).toHaveLength(2);
    expect(vpc.privateSubnets).toHaveLength(2);
    expect(vpc.isolatedSubnets).toHaveLength(2);
    for (const group of [vpc.publicSubnets, vpc.privateSubnets, vpc.isolatedSubnets]) {
      const zones = group.map((s) => JSON.stringify(props(s).AvailabilityZone));
      expect(new Set(zones).size).toBe(2);
    }
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL' });
  });

  test('two load balancers: an internet-facing one in the public subnets, an internal one in the private subnets', () => {
    const { vpc } = stack.webApp;
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 2);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Subnets: refs(vpc.publicSubnets),
      SecurityGroups: [sgId(stack.webApp.publicAlbSecurityGroup)],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Subnets: refs(vpc.privateSubnets),
      SecurityGroups: [sgId(stack.webApp.internalAlbSecurityGroup)],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { Ref: ref(stack.webApp.publicLoadBalancer) } });
  });

  test('web tier: Auto Scaling group of ${{ values.webMinCapacity }}..${{ values.webMaxCapacity }} instances in the private subnets behind the public load balancer', () => {
    const web = props(stack.webApp.webAutoScalingGroup);
    expect(web).toMatchObject({ MinSize: '${{ values.webMinCapacity }}', MaxSize: '${{ values.webMaxCapacity }}', HealthCheckType: 'EC2' });
    // The public target group's /health goes through nginx to the app tier; the web ASG replaces
    // instances on EC2 checks only, so an app-tier outage does not recycle every web instance.
    expect(web.VPCZoneIdentifier).toEqual(refs(stack.webApp.vpc.privateSubnets));
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      LoadBalancerArn: { Ref: ref(stack.webApp.publicLoadBalancer) },
      DefaultActions: [Match.objectLike({ Type: 'forward', TargetGroupArn: { Ref: Match.anyValue() } })],
    });
    expect(web.TargetGroupARNs).toHaveLength(1);
  });

  test('app tier: Auto Scaling group of ${{ values.appMinCapacity }}..${{ values.appMaxCapacity }} instances in the private subnets behind the internal load balancer', () => {
    const appTier = props(stack.webApp.appAutoScalingGroup);
    expect(appTier).toMatchObject({ MinSize: '${{ values.appMinCapacity }}', MaxSize: '${{ values.appMaxCapacity }}', HealthCheckType: 'ELB' });
    expect(appTier.VPCZoneIdentifier).toEqual(refs(stack.webApp.vpc.privateSubnets));
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      LoadBalancerArn: { Ref: ref(stack.webApp.internalLoadBalancer) },
    });
    expect(appTier.TargetGroupARNs).toHaveLength(1);
    template.resourcePropertiesCountIs('AWS::AutoScaling::ScalingPolicy', { PolicyType: 'TargetTrackingScaling' }, 2);
  });

  test('data tier (${{ values.databaseEngine }}) lives in the isolated subnets or is a managed, encrypted table', () => {
{%- if values.databaseEngine != 'dynamodb' %}
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      StorageEncrypted: true,
      ManageMasterUserPassword: true,
      VpcSecurityGroupIds: [sgId(stack.webApp.databaseSecurityGroup!)],
    });
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: refs(stack.webApp.vpc.isolatedSubnets) });
{%- else %}
    template.resourceCountIs('AWS::RDS::DBCluster', 0);
{%- endif %}
{%- if values.databaseEngine != 'aurora-postgresql' %}
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
{%- else %}
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
{%- endif %}
  });

  test('security groups chain: internet -> public ALB -> web -> internal ALB -> app{% if values.databaseEngine != 'dynamodb' %} -> database{% endif %}, nothing else', () => {
    const w = stack.webApp;
    const chain: Array<[ec2.ISecurityGroup, ec2.ISecurityGroup]> = [
      [w.publicAlbSecurityGroup, w.webSecurityGroup],
      [w.webSecurityGroup, w.internalAlbSecurityGroup],
      [w.internalAlbSecurityGroup, w.appSecurityGroup],
{%- if values.databaseEngine != 'dynamodb' %}
      [w.appSecurityGroup, w.databaseSecurityGroup!],
{%- endif %}
    ];
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r: any) => r.Properties);
    const pairs = (list: unknown[][]) => list.map((pair) => JSON.stringify(pair)).sort();
    expect(pairs(ingress.map((r) => [r.SourceSecurityGroupId, r.GroupId]))).toEqual(pairs(chain.map(([from, to]) => [sgId(from), sgId(to)])));
    expect(ingress.every((r) => r.CidrIp === undefined)).toBe(true);
    // The only CIDR-based ingress is the public load balancer's listener.
    const withCidrIngress = Object.entries(template.findResources('AWS::EC2::SecurityGroup'))
      .filter(([, r]: [string, any]) => (r.Properties.SecurityGroupIngress ?? []).length > 0)
      .map(([id]) => id);
    expect(withCidrIngress).toEqual([ref(w.publicAlbSecurityGroup)]);
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });

  test('AWS Control Tower proactive controls (cfn-guard): every failing control is fixed or acknowledged on its resource', () => {
    // A fresh app: the policy-validation plugin runs at synthesis, as in `npx cdk synth`.
    const controlApp = cdkApp();
    new ThreeTierServiceStack(controlApp, '${{ values.name }}');
    expect(controlTowerFindings(controlApp)).toEqual([]);
  });

  test('conforms to the ${{ values.pattern }} pattern: the rules in conformance/, which the portal also checks', () => {
    const conformanceApp = cdkApp();
    new ThreeTierServiceStack(conformanceApp, '${{ values.name }}');
    expect(conformanceFindings(conformanceApp)).toEqual([]);
  });
});

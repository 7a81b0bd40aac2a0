import { App, CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { conformanceFindings } from '../lib/constructs/test-utils/conformance';
import { controlTowerFindings } from '../lib/constructs/test-utils/control-tower';
import { nagFindings } from '../lib/constructs/test-utils/nag';
import { validatedTemplate } from '../lib/constructs/test-utils/synth';
import { EventDrivenServiceStack } from '../lib/${{ values.name }}-stack';
import { cdkApp } from './cdk-app';

/*
 * Asserts the properties that make ${{ values.name }} an implementation of the
 * ${{ values.pattern }} pattern, on the template this repository synthesises.
 * The app is synthesised once, as `npx cdk synth` does (cdk.json feature flags), with
 * CDK template validation on.
 */
describe('${{ values.name }} (${{ values.pattern }})', () => {
  let app: App;
  let stack: EventDrivenServiceStack;
  let template: Template;
  const ref = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);

  beforeAll(() => {
    app = cdkApp();
    stack = new EventDrivenServiceStack(app, '${{ values.name }}');
    template = validatedTemplate(stack);
  });

  test('requests are queued in a KMS-encrypted SQS queue that moves a message to the dead-letter queue after ${{ values.maxReceiveCount }} receives', () => {
    const { service } = stack;
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [ref(service.encryptionKey), 'Arn'] },
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [ref(service.deadLetterQueue), 'Arn'] },
        maxReceiveCount: ${{ values.maxReceiveCount }},
      },
{%- if values.queueType == 'fifo' %}
      FifoQueue: true,
      QueueName: Match.stringLikeRegexp('\\.fifo$'),
{%- else %}
      FifoQueue: Match.absent(),
{%- endif %}
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [ref(service.encryptionKey), 'Arn'] },
      RedrivePolicy: Match.absent(),
      MessageRetentionPeriod: 1209600,
    });
    // TLS-only queue policy and an alarm as soon as anything lands in the dead-letter queue.
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ref(service.queue) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ref(service.deadLetterQueue), 'QueueName'] } }],
    });
  });

  test('POST /requests sends the request straight to SQS (no function in the request path) and answers 202', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'AWS_IAM',
      Integration: Match.objectLike({
        Type: 'AWS',
        Uri: { 'Fn::Join': ['', Match.arrayWith([':sqs:path/'])] },
        IntegrationResponses: Match.arrayWith([Match.objectLike({ StatusCode: '202' })]),
      }),
    });
  });

  test('a Lambda function consumes the queue with partial batch responses (ReportBatchItemFailures)', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [ref(stack.service.queue), 'Arn'] },
      FunctionName: { Ref: ref(stack.service.processor) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('the status is recorded in a DynamoDB table encrypted with the service key (SSE-KMS) and point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'requestId', KeyType: 'HASH' }],
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [ref(stack.service.encryptionKey), 'Arn'] } },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('EventBridge bus: {% if values.enableEventBridge %}present, routing processed requests to a queue{% else %}not created{% endif %}', () => {
{%- if values.enableEventBridge %}
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: ref(stack.service.eventBus!) },
      EventPattern: { source: ['${{ values.name }}'] },
    });
{%- else %}
    template.resourceCountIs('AWS::Events::EventBus', 0);
    expect(stack.service.eventBus).toBeUndefined();
{%- endif %}
  });

  test('SNS fan-out: {% if values.enableFanOut %}an encrypted topic with a queue subscription{% else %}not created{% endif %}', () => {
{%- if values.enableFanOut %}
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', RawMessageDelivery: true });
{%- else %}
    // The only topic is the one the alarms notify; no fan-out topic, no subscription.
    expect(stack.service.topic).toBeUndefined();
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
{%- endif %}
  });

  test('the dead-letter alarm notifies the alarm topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: [{ Ref: ref(stack.service.alarmTopic) }],
    });
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });

  test('AWS Control Tower proactive controls (cfn-guard): every failing control is fixed or acknowledged on its resource', () => {
    // A fresh app: the policy-validation plugin runs at synthesis, as in `npx cdk synth`.
    const controlApp = cdkApp();
    new EventDrivenServiceStack(controlApp, '${{ values.name }}');
    expect(controlTowerFindings(controlApp)).toEqual([]);
  });

  test('conforms to the ${{ values.pattern }} pattern: the rules in conformance/, which the portal also checks', () => {
    const conformanceApp = cdkApp();
    new EventDrivenServiceStack(conformanceApp, '${{ values.name }}');
    expect(conformanceFindings(conformanceApp)).toEqual([]);
  });
});

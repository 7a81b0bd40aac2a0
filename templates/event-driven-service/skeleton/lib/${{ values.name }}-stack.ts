import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EventDrivenService } from './constructs/event-driven-service/event-driven-service';

/**
 * ${{ values.name }}: API Gateway accepts each request at once and queues it in SQS;
 * a Lambda function processes the queue and records the result in DynamoDB.
 * Generated from the ${{ values.templateName }} template ${{ values.templateVersion }}
 * (pattern ${{ values.pattern }}); the options chosen then are written in below.
 */
export class EventDrivenServiceStack extends Stack {
  public readonly service: EventDrivenService;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      description: '${{ values.name }}: event-driven service (API Gateway -> SQS -> Lambda -> DynamoDB)',
      ...props,
    });
    Tags.of(this).add('service', '${{ values.name }}');
    Tags.of(this).add('architecture-pattern', '${{ values.pattern }}');

    this.service = new EventDrivenService(this, 'Service', {
      queueType: '${{ values.queueType }}',
      maxReceiveCount: ${{ values.maxReceiveCount }},
      eventSource: '${{ values.name }}',
{%- if values.enableEventBridge %}
      // Every processed request is published to the service's EventBridge bus; this rule
      // routes all of them to an encrypted SQS queue. Add rules with other patterns/targets here.
      eventBus: { rules: [{ name: 'processed', eventPattern: {} }] },
{%- endif %}
{%- if values.enableFanOut %}
      // Results are also published to an SNS topic; each subscriber gets its own encrypted
      // queue (optionally with a filter policy on eventType and the request's fields).
      fanOut: { subscribers: [{ name: 'default' }] },
{%- endif %}
    });
  }
}

import * as path from 'path';
import { Aspects, Aws, Duration, Names, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cw_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventsources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import {
  eventsAndSnsSources,
  ServiceSourceConditions,
} from '../common/source-conditions';
import { createAlarmTopic } from '../common/alarm-topic';
import { acknowledgeControl } from '../common/control-tower';
import { createServiceKey, keyEncryptStatement } from '../common/kms';
import {
  removalPolicyOf,
  RestApiPatternProps,
  wafEnabled,
} from '../common/pattern-props';
import { createHardenedRestApi } from '../common/rest-api';
import { SecureFunction } from '../common/secure-function';
import {
  validateIntegerRange,
  validateOneOf,
  validatePattern,
  validateUnique,
} from '../common/validation';
import { createRegionalWebAcl, stackMetricName } from '../common/waf';

/** SQS queue flavour. */
export type QueueType = 'standard' | 'fifo';

/** One EventBridge rule on the service's event bus. */
export interface EventBusRuleConfig {
  /** Rule name suffix (letters, digits, '-' and '_'; unique). */
  readonly name: string;
  /**
   * Pattern matched against the events the processor publishes (`source` is the
   * service's `eventSource`, `detail-type` the request's `type` field). `source` is
   * forced to the service's event source unless given.
   */
  readonly eventPattern: events.EventPattern;
  /**
   * Targets of the rule.
   * @default - a new KMS-encrypted SQS queue (with DLQ) per rule, exposed in `ruleTargetQueues`
   */
  readonly targets?: events.IRuleTarget[];
}

/** EventBridge integration. */
export interface EventBusConfig {
  /**
   * Rules routing processed-request events to targets (at least one).
   */
  readonly rules: EventBusRuleConfig[];
}

/** One SNS fan-out subscriber (an encrypted SQS queue owned by the construct). */
export interface FanOutSubscriberConfig {
  /** Subscriber name (letters, digits, '-' and '_'; unique). */
  readonly name: string;
  /**
   * SNS filter policy on message attributes. The processor sets `eventType` (the
   * request's `type`) plus every top-level string/number field of the request body.
   * @default - receives every message
   */
  readonly filterPolicy?: { [attribute: string]: sns.SubscriptionFilter };
}

/** SNS fan-out. */
export interface FanOutConfig {
  /** Subscribers (1-20). */
  readonly subscribers: FanOutSubscriberConfig[];
}

/**
 * Properties of {@link EventDrivenService}. `enableWaf` protects the API stage; `removalPolicy`
 * covers the table, key and log groups.
 */
export interface EventDrivenServiceProps extends RestApiPatternProps {
  /**
   * Standard or FIFO request queue (FIFO queues and their DLQ get `.fifo` names).
   * @default 'standard'
   */
  readonly queueType?: QueueType;
  /**
   * FIFO only: SQS content-based de-duplication. When false the API Gateway request id is the de-duplication id.
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * FIFO only: message group id used when the client sends no `X-Message-Group-Id` header
   * (1-128 chars of letters, digits and punctuation).
   * @default 'requests'
   */
  readonly defaultMessageGroupId?: string;
  /**
   * Receives before a message is moved to the dead-letter queue (1-1000).
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Processor Lambda timeout (1-900 s).
   * @default Duration.seconds(30)
   */
  readonly processorTimeout?: Duration;
  /**
   * Queue visibility timeout; must be at least 6x `processorTimeout` (AWS guidance for
   * Lambda event sources) and at most 12 hours.
   * @default 6 x processorTimeout
   */
  readonly visibilityTimeout?: Duration;
  /**
   * Records per Lambda invocation (1-10).
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * Directory with a replacement processor handler (`index.handler`, CommonJS). It receives
   * the same environment (TABLE_NAME, EVENT_BUS_NAME, EVENT_SOURCE, TOPIC_ARN) and must
   * return `{ batchItemFailures }`.
   * @default - the bundled handler that records the status and publishes events
   */
  readonly processorCodePath?: string;
  /**
   * EventBridge custom bus with rules to targets.
   * @default - no event bus
   */
  readonly eventBus?: EventBusConfig;
  /**
   * SNS topic fan-out to filtered SQS subscribers.
   * @default - no fan-out topic
   */
  readonly fanOut?: FanOutConfig;
  /**
   * `source` of the events published to the bus (reverse-DNS style).
   * @default 'event-driven-service'
   */
  readonly eventSource?: string;
  /**
   * Cognito user pool for a Cognito authorizer on the API. Without it, callers must
   * sign requests with SigV4 (IAM authorization).
   * @default - IAM authorization
   */
  readonly userPool?: cognito.IUserPool;
  /**
   * Steady-state requests per second allowed on the stage.
   * @default 100
   */
  readonly throttlingRateLimit?: number;
  /**
   * Burst allowed on the stage.
   * @default 200
   */
  readonly throttlingBurstLimit?: number;
  /**
   * KMS key for the queues, table, topic and logs.
   * @default - a new customer managed key with rotation
   */
  readonly encryptionKey?: kms.Key;
}

/**
 * Asynchronous request/response service:
 *
 * `POST /requests` -> (API Gateway AWS integration) -> SQS -> Lambda processor -> DynamoDB status,
 * answered immediately with `202 {"requestId": ...}`; `GET /requests/{id}` reads the status
 * straight from DynamoDB (AWS integration, no Lambda). Optional EventBridge bus + rules and SNS
 * fan-out with filter policies for downstream consumers.
 *
 * Defaults: KMS everywhere, TLS-only queue/topic policies, DLQ + redrive, partial batch
 * responses, request validation, access + execution logging, X-Ray, WAF, throttling, and IAM
 * (SigV4) or Cognito authorization.
 */
export class EventDrivenService extends Construct {
  public readonly encryptionKey: kms.Key;
  public readonly api: apigw.RestApi;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly table: dynamodb.Table;
  public readonly processor: lambda.Function;
  public readonly processorRole: iam.Role;
  /** Role API Gateway assumes to call SQS and DynamoDB. */
  public readonly apiIntegrationRole: iam.Role;
  /** Alarm when any message is in the dead-letter queue. */
  public readonly deadLetterAlarm: cloudwatch.Alarm;
  /** Topic the alarms notify: subscribe the on-call channel to it. */
  public readonly alarmTopic: sns.Topic;
  public readonly eventBus?: events.EventBus;
  public readonly rules: events.Rule[] = [];
  /** Default SQS targets created for rules without explicit targets (by rule name). */
  public readonly ruleTargetQueues: { [ruleName: string]: sqs.Queue } = {};
  public readonly topic?: sns.Topic;
  /** Subscriber queues of the fan-out topic (by subscriber name). */
  public readonly subscriberQueues: { [name: string]: sqs.Queue } = {};
  public readonly webAcl?: wafv2.CfnWebACL;

  private downstreamDlq?: sqs.Queue;

  constructor(
    scope: Construct,
    id: string,
    props: EventDrivenServiceProps = {},
  ) {
    super(scope, id);
    // ---------------------------------------------------------------- validation
    validateOneOf('queueType', props.queueType, ['standard', 'fifo']);
    const fifo = props.queueType === 'fifo';
    if (!fifo && props.contentBasedDeduplication !== undefined) {
      throw new Error(
        "Invalid contentBasedDeduplication: only allowed when queueType is 'fifo'.",
      );
    }
    if (!fifo && props.defaultMessageGroupId !== undefined) {
      throw new Error(
        "Invalid defaultMessageGroupId: only allowed when queueType is 'fifo'.",
      );
    }
    validatePattern(
      'defaultMessageGroupId',
      props.defaultMessageGroupId,
      /^[A-Za-z0-9!-/:-@[-`{-~]{1,128}$/,
      'must be 1-128 characters of letters, digits and punctuation',
    );
    validateIntegerRange('maxReceiveCount', props.maxReceiveCount, 1, 1000);
    validateIntegerRange('batchSize', props.batchSize, 1, 10);
    validateIntegerRange(
      'throttlingRateLimit',
      props.throttlingRateLimit,
      1,
      10000,
    );
    validateIntegerRange(
      'throttlingBurstLimit',
      props.throttlingBurstLimit,
      1,
      5000,
    );
    const processorTimeout = props.processorTimeout ?? Duration.seconds(30);
    const timeoutSeconds = processorTimeout.toSeconds();
    validateIntegerRange('processorTimeout (seconds)', timeoutSeconds, 1, 900);
    const visibilityTimeout =
      props.visibilityTimeout ?? Duration.seconds(timeoutSeconds * 6);
    if (visibilityTimeout.toSeconds() < timeoutSeconds * 6) {
      throw new Error(
        `Invalid visibilityTimeout ${visibilityTimeout.toSeconds()}s: must be at least 6 x processorTimeout (${
          timeoutSeconds * 6
        }s).`,
      );
    }
    if (visibilityTimeout.toSeconds() > 43200) {
      throw new Error(
        `Invalid visibilityTimeout ${visibilityTimeout.toSeconds()}s: must be at most 43200s (12 hours), so processorTimeout can be at most 7200s/6.`,
      );
    }
    validatePattern(
      'eventSource',
      props.eventSource,
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/,
      'must be 1-256 letters, digits, ".", "_" or "-" and must not start with "aws."',
    );
    if (props.eventSource?.startsWith('aws.')) {
      throw new Error(
        `Invalid eventSource "${props.eventSource}": must not start with "aws." (reserved for AWS services).`,
      );
    }
    const nameRe = /^[A-Za-z0-9_-]{1,64}$/;
    if (props.eventBus) {
      if (
        props.eventBus.rules.length < 1 ||
        props.eventBus.rules.length > 100
      ) {
        throw new Error(
          `Invalid eventBus.rules: ${props.eventBus.rules.length} given, must contain between 1 and 100 rules.`,
        );
      }
      props.eventBus.rules.forEach((r, i) =>
        validatePattern(
          `eventBus.rules[${i}].name`,
          r.name,
          nameRe,
          'must be 1-64 letters, digits, "-" or "_"',
        ),
      );
      validateUnique(
        'eventBus.rules[].name',
        props.eventBus.rules.map(r => r.name),
      );
    }
    if (props.fanOut) {
      if (
        props.fanOut.subscribers.length < 1 ||
        props.fanOut.subscribers.length > 20
      ) {
        throw new Error(
          `Invalid fanOut.subscribers: ${props.fanOut.subscribers.length} given, must contain between 1 and 20 subscribers.`,
        );
      }
      props.fanOut.subscribers.forEach((s, i) =>
        validatePattern(
          `fanOut.subscribers[${i}].name`,
          s.name,
          nameRe,
          'must be 1-64 letters, digits, "-" or "_"',
        ),
      );
      validateUnique(
        'fanOut.subscribers[].name',
        props.fanOut.subscribers.map(s => s.name),
      );
    }

    const removalPolicy = removalPolicyOf(props);
    const eventSource = props.eventSource ?? 'event-driven-service';
    this.encryptionKey =
      props.encryptionKey ??
      createServiceKey(
        this,
        'Key',
        `Event-driven service ${this.node.path}`,
        removalPolicy,
      );

    // ---------------------------------------------------------------- queues
    // FIFO queues get explicit, unique `.fifo` names (stable per construct path).
    const fifoName = (suffix: string) =>
      fifo
        ? `${Names.uniqueResourceName(this, {
            maxLength: 60,
            separator: '-',
          })}-${suffix}.fifo`
        : undefined;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: fifoName('dlq'),
      fifo: fifo || undefined,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: fifoName('requests'),
      fifo: fifo || undefined,
      contentBasedDeduplication: fifo
        ? props.contentBasedDeduplication ?? false
        : undefined,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      dataKeyReuse: Duration.minutes(5),
      enforceSSL: true,
      visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: {
        queue: this.deadLetterQueue,
        maxReceiveCount: props.maxReceiveCount ?? 5,
      },
    });
    acknowledgeControl(
      this.deadLetterQueue,
      'CT.SQS.PR.1',
      'This is the dead-letter queue: its messages are inspected and redriven by operators (DeadLetterAlarm), so it has no dead-letter queue of its own.',
    );
    this.alarmTopic = createAlarmTopic(this, 'AlarmTopic', this.encryptionKey);
    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'Messages failed processing maxReceiveCount times and are waiting in the DLQ',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.deadLetterAlarm.addAlarmAction(
      new cw_actions.SnsAction(this.alarmTopic),
    );

    // ---------------------------------------------------------------- state
    this.table = new dynamodb.Table(this, 'StatusTable', {
      partitionKey: { name: 'requestId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy,
    });

    // ---------------------------------------------------------------- optional event bus / fan-out
    if (props.eventBus) {
      this.eventBus = new events.EventBus(this, 'EventBus', {});
      for (const rule of props.eventBus.rules) {
        const r = new events.Rule(this, `Rule-${rule.name}`, {
          eventBus: this.eventBus,
          description: `Routes ${eventSource} events: ${rule.name}`,
          eventPattern: { source: [eventSource], ...rule.eventPattern },
        });
        if (rule.targets && rule.targets.length > 0) {
          rule.targets.forEach(t => r.addTarget(t));
        } else {
          const q = this.downstreamQueue(`RuleTarget-${rule.name}`);
          this.ruleTargetQueues[rule.name] = q;
          r.addTarget(
            new targets.SqsQueue(q, {
              deadLetterQueue: this.getDownstreamDlq(),
              retryAttempts: 8,
            }),
          );
        }
        this.rules.push(r);
      }
    }
    if (props.fanOut) {
      this.topic = new sns.Topic(this, 'FanOutTopic', {
        masterKey: this.encryptionKey,
        enforceSSL: true,
      });
      for (const sub of props.fanOut.subscribers) {
        const q = this.downstreamQueue(`Subscriber-${sub.name}`);
        this.subscriberQueues[sub.name] = q;
        this.topic.addSubscription(
          new subs.SqsSubscription(q, {
            filterPolicy: sub.filterPolicy,
            rawMessageDelivery: true,
            deadLetterQueue: this.getDownstreamDlq(),
          }),
        );
      }
    }

    // ---------------------------------------------------------------- processor
    const environment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      EVENT_SOURCE: eventSource,
      // The processor marks a request FAILED on its last attempt (before the DLQ).
      MAX_RECEIVE_COUNT: String(props.maxReceiveCount ?? 5),
    };
    if (this.eventBus) environment.EVENT_BUS_NAME = this.eventBus.eventBusName;
    if (this.topic) environment.TOPIC_ARN = this.topic.topicArn;
    const processor = new SecureFunction(this, 'Processor', {
      codePath:
        props.processorCodePath ?? path.join(__dirname, 'lambda', 'processor'),
      description: 'Processes queued requests and records their status',
      timeout: processorTimeout,
      environment,
      logEncryptionKey: this.encryptionKey,
    });
    this.processor = processor.function;
    this.processorRole = processor.role;
    processor.addToRolePolicy(
      new iam.PolicyStatement({
        // Status lifecycle: conditional UpdateItem only.
        actions: ['dynamodb:UpdateItem'],
        resources: [this.table.tableArn],
      }),
    );
    processor.addToRolePolicy(keyEncryptStatement(this.encryptionKey));
    if (this.eventBus) {
      processor.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['events:PutEvents'],
          resources: [this.eventBus.eventBusArn],
        }),
      );
    }
    if (this.topic) {
      processor.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
        }),
      );
    }
    this.processor.addEventSource(
      new eventsources.SqsEventSource(this.queue, {
        batchSize: props.batchSize ?? 10,
        reportBatchItemFailures: true,
      }),
    );

    // ---------------------------------------------------------------- API
    ({ api: this.api, accessLogGroup: this.accessLogGroup } =
      createHardenedRestApi(this, 'Api', {
        description:
          'Asynchronous request API (POST /requests, GET /requests/{id})',
        encryptionKey: this.encryptionKey,
        removalPolicy,
        apiGatewayCloudWatchRole: props.apiGatewayCloudWatchRole,
        throttlingRateLimit: props.throttlingRateLimit ?? 100,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 200,
      }));
    const validator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const authOptions = this.authorizationOptions(props.userPool);
    // Who made a request: the Cognito subject, or the caller's IAM identity (an assumed-role
    // session is reduced to its role, so every session of one role owns the same requests).
    const ownerExpression = props.userPool
      ? '$context.authorizer.claims.sub'
      : "$context.identity.userArn.replaceAll('^arn:(aws[a-z-]*):sts::([0-9]+):assumed-role/([^/]+)/.*$', 'arn:$1:iam::$2:role/$3')";

    this.apiIntegrationRole = new iam.Role(this, 'ApiIntegrationRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description:
        'API Gateway integration role: SendMessage to the request queue, GetItem on the status table',
    });
    this.apiIntegrationRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
      }),
    );
    this.apiIntegrationRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [this.table.tableArn],
      }),
    );
    this.apiIntegrationRole.addToPrincipalPolicy(
      keyEncryptStatement(this.encryptionKey),
    );

    const requests = this.api.root.addResource('requests');
    const requestModel = this.api.addModel('RequestModel', {
      contentType: 'application/json',
      modelName: 'CreateRequest',
      schema: {
        schema: apigw.JsonSchemaVersion.DRAFT4,
        title: 'CreateRequest',
        type: apigw.JsonSchemaType.OBJECT,
        properties: {
          type: {
            type: apigw.JsonSchemaType.STRING,
            minLength: 1,
            maxLength: 128,
            pattern: '^[A-Za-z0-9._-]+$',
          },
        },
        minProperties: 1,
      },
    });
    const sendParams = [
      'Action=SendMessage',
      'MessageBody=$util.urlEncode($input.body)',
      'MessageAttribute.1.Name=requestId',
      'MessageAttribute.1.Value.DataType=String',
      'MessageAttribute.1.Value.StringValue=$util.urlEncode($context.requestId)',
      'MessageAttribute.2.Name=owner',
      'MessageAttribute.2.Value.DataType=String',
      'MessageAttribute.2.Value.StringValue=$util.urlEncode($owner)',
    ];
    // VTL directives are kept on the same line as the form body so they emit no stray newline.
    let directives = `#set($owner = ${ownerExpression})`;
    if (fifo) {
      const group = props.defaultMessageGroupId ?? 'requests';
      directives += `#set($group = $input.params('X-Message-Group-Id'))#if("$!group" == "")#set($group = "${group}")#end`;
      sendParams.push('MessageGroupId=$util.urlEncode($group)');
      if (!(props.contentBasedDeduplication ?? false)) {
        sendParams.push(
          'MessageDeduplicationId=$util.urlEncode($context.requestId)',
        );
      }
    }
    const sendTemplate = directives + sendParams.join('&');
    requests.addMethod(
      'POST',
      new apigw.AwsIntegration({
        service: 'sqs',
        path: `${Aws.ACCOUNT_ID}/${this.queue.queueName}`,
        integrationHttpMethod: 'POST',
        options: {
          credentialsRole: this.apiIntegrationRole,
          passthroughBehavior: apigw.PassthroughBehavior.NEVER,
          requestParameters: {
            'integration.request.header.Content-Type':
              "'application/x-www-form-urlencoded'",
          },
          requestTemplates: { 'application/json': sendTemplate },
          integrationResponses: [
            {
              statusCode: '202',
              selectionPattern: '2\\d{2}',
              responseTemplates: {
                'application/json':
                  '{"requestId":"$context.requestId","status":"ACCEPTED"}',
              },
            },
            {
              // SQS rejected the message (e.g. invalid characters or too large): the client's fault.
              statusCode: '400',
              selectionPattern: '4\\d{2}',
              responseTemplates: {
                'application/json':
                  '{"message":"request rejected by the queue","requestId":"$context.requestId"}',
              },
            },
            {
              statusCode: '500',
              selectionPattern: '5\\d{2}',
              responseTemplates: {
                'application/json':
                  '{"message":"request could not be queued","requestId":"$context.requestId"}',
              },
            },
          ],
        },
      }),
      {
        ...authOptions,
        requestValidator: validator,
        requestModels: { 'application/json': requestModel },
        methodResponses: [
          { statusCode: '202' },
          { statusCode: '400' },
          { statusCode: '500' },
        ],
      },
    );

    const byId = requests.addResource('{id}');
    // JSON string escaping in VTL: $util.escapeJavaScript also escapes ' as \' which is not
    // valid JSON, so that one escape is undone.
    const json = (expr: string) =>
      `$util.escapeJavaScript(${expr}).replaceAll("\\\\'", "'")`;
    byId.addMethod(
      'GET',
      new apigw.AwsIntegration({
        service: 'dynamodb',
        action: 'Query',
        options: {
          credentialsRole: this.apiIntegrationRole,
          passthroughBehavior: apigw.PassthroughBehavior.NEVER,
          requestTemplates: {
            // Only the caller's own requests: the owner recorded at POST time must match.
            'application/json': [
              `#set($owner = ${ownerExpression})`,
              // VTL expressions go in after JSON.stringify (which would escape their quotes).
              JSON.stringify({
                TableName: this.table.tableName,
                KeyConditionExpression: 'requestId = :id',
                // (no #names: VTL would read "#name" as a directive)
                FilterExpression: 'requestedBy = :owner',
                ExpressionAttributeValues: {
                  ':id': { S: '@ID@' },
                  ':owner': { S: '@OWNER@' },
                },
                ConsistentRead: true,
              })
                .replace('@ID@', json("$input.params('id')"))
                .replace('@OWNER@', json('$owner')),
            ].join('\n'),
          },
          integrationResponses: [
            {
              statusCode: '200',
              selectionPattern: '2\\d{2}',
              responseTemplates: {
                'application/json': [
                  "#set($item = $input.path('$.Items[0]'))",
                  '#if(!$item || !$item.requestId)',
                  '#set($context.responseOverride.status = 404)',
                  `{"message":"request not found (it may still be queued)","requestId":"${json(
                    "$input.params('id')",
                  )}"}`,
                  '#else',
                  `{"requestId":"${json('$item.requestId.S')}","status":"${json(
                    '$item.status.S',
                  )}","eventType":"${json(
                    '$item.eventType.S',
                  )}","attempts":#if($item.attempts.N)$item.attempts.N#{else}0#end,"updatedAt":"${json(
                    '$item.updatedAt.S',
                  )}"}`,
                  '#end',
                ].join('\n'),
              },
            },
            {
              statusCode: '400',
              selectionPattern: '4\\d{2}',
              responseTemplates: {
                'application/json': '{"message":"invalid request id"}',
              },
            },
            {
              statusCode: '500',
              selectionPattern: '5\\d{2}',
              responseTemplates: {
                'application/json': '{"message":"status lookup failed"}',
              },
            },
          ],
        },
      }),
      {
        ...authOptions,
        requestValidator: validator,
        requestParameters: { 'method.request.path.id': true },
        methodResponses: [
          { statusCode: '200' },
          { statusCode: '400' },
          { statusCode: '404' },
          { statusCode: '500' },
        ],
      },
    );

    // EventBridge and SNS may use the key and send to the queues only on behalf of this
    // account's rules and topics (aws:SourceAccount + aws:SourceArn).
    Aspects.of(this).add(new ServiceSourceConditions(eventsAndSnsSources()));

    if (wafEnabled(props)) {
      this.webAcl = createRegionalWebAcl(this, 'WebAcl', {
        // SQS message size limit
        maxRequestBodyBytes: 256 * 1024,
        resourceArn: this.api.deploymentStage.stageArn,
        metricName: stackMetricName(this, 'api', 'event-driven-api'),
      });
    }
  }

  /** URL of `POST /requests`. */
  public get requestsUrl(): string {
    return this.api.urlForPath('/requests');
  }

  private authorizationOptions(
    userPool?: cognito.IUserPool,
  ): apigw.MethodOptions {
    if (userPool) {
      const authorizer = new apigw.CognitoUserPoolsAuthorizer(
        this,
        'Authorizer',
        { cognitoUserPools: [userPool] },
      );
      return { authorizationType: apigw.AuthorizationType.COGNITO, authorizer };
    }
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'Service-to-service API: every method requires AWS_IAM (SigV4) authorization instead of a Cognito user pool authorizer. Pass userPool to use Cognito.',
    });
    return { authorizationType: apigw.AuthorizationType.IAM };
  }

  private downstreamQueue(id: string): sqs.Queue {
    return new sqs.Queue(this, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      deadLetterQueue: { queue: this.getDownstreamDlq(), maxReceiveCount: 5 },
    });
  }

  private getDownstreamDlq(): sqs.Queue {
    if (!this.downstreamDlq) {
      this.downstreamDlq = new sqs.Queue(this, 'DownstreamDeadLetterQueue', {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: this.encryptionKey,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledgeControl(
        this.downstreamDlq,
        'CT.SQS.PR.1',
        'This is the dead-letter queue of the downstream rule targets and subscriptions: it is the end of the line, so it has no dead-letter queue of its own.',
      );
    }
    return this.downstreamDlq;
  }
}

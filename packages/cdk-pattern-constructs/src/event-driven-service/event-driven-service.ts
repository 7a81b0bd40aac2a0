import { Aspects, Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import {
  eventsAndSnsSources,
  ServiceSourceConditions,
} from '../common/source-conditions';
import { createServiceKey } from '../common/kms';
import {
  removalPolicyOf,
  RestApiPatternProps,
  wafEnabled,
} from '../common/pattern-props';
import { createRegionalWebAcl, stackMetricName } from '../common/waf';
import { createRequestApi } from './api';
import { createDeadLetterAlarm } from './monitoring';
import { createProcessor, createStatusTable } from './processor';
import { createRequestQueues, DownstreamQueues } from './queues';
import { createEventBus, createFanOut } from './routing';
import { validateEventDrivenServiceProps } from './validation';

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

  constructor(
    scope: Construct,
    id: string,
    props: EventDrivenServiceProps = {},
  ) {
    super(scope, id);
    const { processorTimeout, visibilityTimeout } =
      validateEventDrivenServiceProps(props);

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

    // ---------------------------------------------------------------- queues (queues.ts, monitoring.ts)
    ({ deadLetterQueue: this.deadLetterQueue, queue: this.queue } =
      createRequestQueues(this, props, {
        encryptionKey: this.encryptionKey,
        visibilityTimeout,
      }));
    ({ alarmTopic: this.alarmTopic, deadLetterAlarm: this.deadLetterAlarm } =
      createDeadLetterAlarm(this, this.deadLetterQueue, this.encryptionKey));

    // ---------------------------------------------------------------- state (processor.ts)
    this.table = createStatusTable(this, this.encryptionKey, removalPolicy);

    // ---------------------------------------------------------------- optional event bus / fan-out (routing.ts)
    const downstream = new DownstreamQueues(this, this.encryptionKey);
    if (props.eventBus) {
      this.eventBus = createEventBus(this, props.eventBus, {
        eventSource,
        downstream,
        rules: this.rules,
        ruleTargetQueues: this.ruleTargetQueues,
      });
    }
    if (props.fanOut) {
      this.topic = createFanOut(this, props.fanOut, {
        encryptionKey: this.encryptionKey,
        downstream,
        subscriberQueues: this.subscriberQueues,
      });
    }

    // ---------------------------------------------------------------- processor (processor.ts)
    const processor = createProcessor(this, props, {
      encryptionKey: this.encryptionKey,
      queue: this.queue,
      table: this.table,
      eventBus: this.eventBus,
      topic: this.topic,
      eventSource,
      processorTimeout,
    });
    this.processor = processor.function;
    this.processorRole = processor.role;

    // ---------------------------------------------------------------- API (api.ts)
    ({
      api: this.api,
      accessLogGroup: this.accessLogGroup,
      apiIntegrationRole: this.apiIntegrationRole,
    } = createRequestApi(this, props, {
      encryptionKey: this.encryptionKey,
      removalPolicy,
      queue: this.queue,
      table: this.table,
    }));

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
}

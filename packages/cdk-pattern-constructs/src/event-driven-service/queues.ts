import { Duration, Names } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeControl } from '../common/control-tower';
import type { EventDrivenServiceProps } from './event-driven-service';

/**
 * The request queue (`Queue`) and its dead-letter queue (`DeadLetterQueue`), in `scope`:
 * KMS-encrypted, TLS only, redrive after `maxReceiveCount` receives. FIFO queues get explicit,
 * unique `.fifo` names (stable per construct path).
 */
export function createRequestQueues(
  scope: Construct,
  props: EventDrivenServiceProps,
  options: { encryptionKey: kms.IKey; visibilityTimeout: Duration },
): { deadLetterQueue: sqs.Queue; queue: sqs.Queue } {
  const fifo = props.queueType === 'fifo';
  const fifoName = (suffix: string) =>
    fifo
      ? `${Names.uniqueResourceName(scope, {
          maxLength: 60,
          separator: '-',
        })}-${suffix}.fifo`
      : undefined;
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    queueName: fifoName('dlq'),
    fifo: fifo || undefined,
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: options.encryptionKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new sqs.Queue(scope, 'Queue', {
    queueName: fifoName('requests'),
    fifo: fifo || undefined,
    contentBasedDeduplication: fifo
      ? props.contentBasedDeduplication ?? false
      : undefined,
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: options.encryptionKey,
    dataKeyReuse: Duration.minutes(5),
    enforceSSL: true,
    visibilityTimeout: options.visibilityTimeout,
    retentionPeriod: Duration.days(4),
    deadLetterQueue: {
      queue: deadLetterQueue,
      maxReceiveCount: props.maxReceiveCount ?? 5,
    },
  });
  acknowledgeControl(
    deadLetterQueue,
    'CT.SQS.PR.1',
    'This is the dead-letter queue: its messages are inspected and redriven by operators (DeadLetterAlarm), so it has no dead-letter queue of its own.',
  );
  return { deadLetterQueue, queue };
}

/**
 * The queues the construct creates for downstream consumers (rule targets, fan-out subscribers),
 * in `scope`, and their one shared dead-letter queue (`DownstreamDeadLetterQueue`), created with
 * the first of them.
 */
export class DownstreamQueues {
  private dlq?: sqs.Queue;

  constructor(
    private readonly scope: Construct,
    private readonly encryptionKey: kms.IKey,
  ) {}

  /** A new KMS-encrypted, TLS-only queue `id` that dead-letters into the shared queue. */
  public queue(id: string): sqs.Queue {
    return new sqs.Queue(this.scope, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue(), maxReceiveCount: 5 },
    });
  }

  /** The shared dead-letter queue (created on first use). */
  public deadLetterQueue(): sqs.Queue {
    if (!this.dlq) {
      this.dlq = new sqs.Queue(this.scope, 'DownstreamDeadLetterQueue', {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: this.encryptionKey,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledgeControl(
        this.dlq,
        'CT.SQS.PR.1',
        'This is the dead-letter queue of the downstream rule targets and subscriptions: it is the end of the line, so it has no dead-letter queue of its own.',
      );
    }
    return this.dlq;
  }
}

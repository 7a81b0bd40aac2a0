import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventBusConfig, FanOutConfig } from './event-driven-service';
import { DownstreamQueues } from './queues';

/**
 * The custom event bus (`EventBus`) and its rules (`Rule-<name>`), in `scope`: each rule matches
 * the events of `eventSource`; rules without targets of their own get a new queue
 * (`RuleTarget-<name>`, added to `ruleTargetQueues`). The rules are added to `rules`.
 */
export function createEventBus(
  scope: Construct,
  config: EventBusConfig,
  options: {
    eventSource: string;
    downstream: DownstreamQueues;
    rules: events.Rule[];
    ruleTargetQueues: { [ruleName: string]: sqs.Queue };
  },
): events.EventBus {
  const { eventSource, downstream } = options;
  const eventBus = new events.EventBus(scope, 'EventBus', {});
  for (const rule of config.rules) {
    const r = new events.Rule(scope, `Rule-${rule.name}`, {
      eventBus,
      description: `Routes ${eventSource} events: ${rule.name}`,
      eventPattern: { source: [eventSource], ...rule.eventPattern },
    });
    if (rule.targets && rule.targets.length > 0) {
      rule.targets.forEach(t => r.addTarget(t));
    } else {
      const q = downstream.queue(`RuleTarget-${rule.name}`);
      options.ruleTargetQueues[rule.name] = q;
      r.addTarget(
        new targets.SqsQueue(q, {
          deadLetterQueue: downstream.deadLetterQueue(),
          retryAttempts: 8,
        }),
      );
    }
    options.rules.push(r);
  }
  return eventBus;
}

/**
 * The fan-out topic (`FanOutTopic`), in `scope`, with a new queue per subscriber
 * (`Subscriber-<name>`, added to `subscriberQueues`) subscribed with its filter policy.
 */
export function createFanOut(
  scope: Construct,
  config: FanOutConfig,
  options: {
    encryptionKey: kms.IKey;
    downstream: DownstreamQueues;
    subscriberQueues: { [name: string]: sqs.Queue };
  },
): sns.Topic {
  const { downstream } = options;
  const topic = new sns.Topic(scope, 'FanOutTopic', {
    masterKey: options.encryptionKey,
    enforceSSL: true,
  });
  for (const sub of config.subscribers) {
    const q = downstream.queue(`Subscriber-${sub.name}`);
    options.subscriberQueues[sub.name] = q;
    topic.addSubscription(
      new subs.SqsSubscription(q, {
        filterPolicy: sub.filterPolicy,
        rawMessageDelivery: true,
        deadLetterQueue: downstream.deadLetterQueue(),
      }),
    );
  }
  return topic;
}

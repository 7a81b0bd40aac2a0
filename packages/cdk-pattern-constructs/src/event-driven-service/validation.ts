import { Duration } from 'aws-cdk-lib';
import {
  validateIntegerRange,
  validateOneOf,
  validatePattern,
  validateUnique,
} from '../common/validation';
import type { EventDrivenServiceProps } from './event-driven-service';

/**
 * Checks the props of an {@link EventDrivenService} up front, so a wrong value fails synthesis
 * with a message that names the prop. Returns the processor timeout and the queue's visibility
 * timeout (6 x the processor timeout unless given).
 */
export function validateEventDrivenServiceProps(
  props: EventDrivenServiceProps,
): { processorTimeout: Duration; visibilityTimeout: Duration } {
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
  if (props.eventBus) {
    validateNamedItems('eventBus.rules', props.eventBus.rules, 100, 'rules');
  }
  if (props.fanOut) {
    validateNamedItems(
      'fanOut.subscribers',
      props.fanOut.subscribers,
      20,
      'subscribers',
    );
  }
  return { processorTimeout, visibilityTimeout };
}

/**
 * Throws unless `items` holds 1 to `max` entries whose names are unique and
 * 1-64 letters, digits, "-" or "_" (EventBridge rule and SNS subscription ids).
 */
function validateNamedItems(
  propName: string,
  items: ReadonlyArray<{ name: string }>,
  max: number,
  noun: string,
): void {
  if (items.length < 1 || items.length > max) {
    throw new Error(
      `Invalid ${propName}: ${items.length} given, must contain between 1 and ${max} ${noun}.`,
    );
  }
  items.forEach((item, i) =>
    validatePattern(
      `${propName}[${i}].name`,
      item.name,
      /^[A-Za-z0-9_-]{1,64}$/,
      'must be 1-64 letters, digits, "-" or "_"',
    ),
  );
  validateUnique(
    `${propName}[].name`,
    items.map(item => item.name),
  );
}

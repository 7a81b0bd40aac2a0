import { Aws, IAspect, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';

/** Where a service principal may act from: an account and an ARN pattern of its sources. */
export interface ServiceSource {
  /** Service principal, e.g. `events.amazonaws.com`. */
  readonly service: string;
  /** ArnLike pattern of the resources that may make the service act (rules, topics). */
  readonly sourceArnLike: string;
}

/**
 * Confused-deputy guard: adds `aws:SourceAccount` (this account) and `aws:SourceArn` (the given
 * pattern) conditions to every Allow statement of a KMS key policy or SQS queue policy, in the
 * scope it is applied to, whose principal is one of the given AWS services.
 *
 * CDK's EventBridge and SNS integrations grant `events.amazonaws.com` / `sns.amazonaws.com`
 * use of a queue's key (and, for an encrypted rule target, SendMessage) without any condition;
 * a rule or topic in ANY account could then use the key and write to the queue through the
 * service. The key policy cannot name the exact rule or topic (the key would depend on the
 * resources that depend on it), so it gets an ARN pattern scoped to this account and region.
 * Conditions a statement already has (e.g. SNS's ArnEquals on the topic) are kept.
 */
export class ServiceSourceConditions implements IAspect {
  constructor(private readonly sources: ServiceSource[]) {}

  public visit(node: IConstruct): void {
    if (node instanceof kms.CfnKey) {
      this.restrict(node, 'KeyPolicy', node.keyPolicy);
    } else if (node instanceof sqs.CfnQueuePolicy) {
      this.restrict(node, 'PolicyDocument', node.policyDocument);
    }
  }

  private restrict(
    node: kms.CfnKey | sqs.CfnQueuePolicy,
    property: string,
    document: unknown,
  ): void {
    const resolved = Stack.of(node).resolve(document);
    const statements: any[] = resolved?.Statement ?? [];
    statements.forEach((statement, i) => {
      if (statement.Effect !== 'Allow') return;
      const services = [statement.Principal?.Service ?? []].flat();
      const source = this.sources.find(s => services.includes(s.service));
      if (!source) return;
      if (services.length !== 1) {
        throw new Error(
          `Statement ${i} of ${node.node.path} grants several service principals at once; split it so each gets its own source conditions.`,
        );
      }
      const condition = { ...(statement.Condition ?? {}) };
      condition.StringEquals = {
        ...(condition.StringEquals ?? {}),
        'aws:SourceAccount': Aws.ACCOUNT_ID,
      };
      const hasSourceArn = Object.values(condition).some(
        (c: any) => c && typeof c === 'object' && 'aws:SourceArn' in c,
      );
      if (!hasSourceArn) {
        condition.ArnLike = {
          ...(condition.ArnLike ?? {}),
          'aws:SourceArn': source.sourceArnLike,
        };
      }
      node.addPropertyOverride(
        `${property}.Statement.${i}.Condition`,
        condition,
      );
    });
  }
}

/** Source patterns for EventBridge rules and SNS topics of this account and region. */
export function eventsAndSnsSources(): ServiceSource[] {
  return [
    {
      service: 'events.amazonaws.com',
      sourceArnLike: `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/*`,
    },
    {
      service: 'sns.amazonaws.com',
      sourceArnLike: `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`,
    },
  ];
}

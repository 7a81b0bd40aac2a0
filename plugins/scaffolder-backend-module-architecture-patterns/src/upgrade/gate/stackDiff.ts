import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { isStateful } from './statefulResources';

export type ResourceChange =
  | 'added'
  | 'changed'
  | 'replaced'
  | 'destroyed'
  | 'orphaned';

/** One resource an upgrade adds, changes, replaces, destroys or orphans. */
export type ResourceDiff = {
  stack: string;
  logicalId: string;
  type: string;
  change: ResourceChange;
  stateful: boolean;
  /** CloudFormation may replace it (depending on values only known at deploy time). */
  mayReplace?: boolean;
};

const CHANGE_OF_IMPACT: Partial<Record<ResourceImpact, ResourceChange>> = {
  [ResourceImpact.WILL_CREATE]: 'added',
  [ResourceImpact.WILL_IMPORT]: 'added',
  [ResourceImpact.WILL_UPDATE]: 'changed',
  [ResourceImpact.WILL_REPLACE]: 'replaced',
  [ResourceImpact.MAY_REPLACE]: 'replaced',
  [ResourceImpact.WILL_DESTROY]: 'destroyed',
  [ResourceImpact.WILL_ORPHAN]: 'orphaned',
};

type Template = { [key: string]: any };

/**
 * The resource changes between two synthesized versions of every stack,
 * offline: CloudFormation's own rules (which property changes replace a
 * resource, deletion policies) as the CDK CLI's `cdk diff` applies them. A
 * stack only before is destroyed whole; one only after is added.
 */
export function diffStacks(
  before: Record<string, Template>,
  after: Record<string, Template>,
): ResourceDiff[] {
  const stacks = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes: ResourceDiff[] = [];
  for (const stack of stacks.sort()) {
    const diff = fullDiff(before[stack] ?? {}, after[stack] ?? {});
    diff.resources.forEachDifference((logicalId, difference) => {
      const change = CHANGE_OF_IMPACT[difference.changeImpact];
      const type =
        difference.newResourceType ?? difference.oldResourceType ?? 'unknown';
      // CDK's own version metadata, not infrastructure.
      if (!change || type === 'AWS::CDK::Metadata') return;
      changes.push({
        stack,
        logicalId,
        type,
        change,
        stateful: isStateful(difference.oldResourceType ?? type),
        ...(difference.changeImpact === ResourceImpact.MAY_REPLACE
          ? { mayReplace: true }
          : {}),
      });
    });
  }
  return changes;
}

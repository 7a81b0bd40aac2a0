import { ActionContext } from '@backstage/plugin-scaffolder-node';

type TaskUser = ActionContext<{}>['user'];

/** The identity the guest sign-in provider gives every local user. */
const GUEST_REF = 'user:development/guest';

/**
 * Who took the decision, as the record should name them: the signed-in
 * user's display name and entity ref, or a plain statement that nobody
 * signed in. Never "unknown".
 */
export function decisionMakers(user: TaskUser): string[] {
  const ref = user?.ref;
  const displayName = user?.entity?.spec?.profile?.displayName;
  if (ref === GUEST_REF || (!ref && user?.entity?.metadata.name === 'guest')) {
    return [
      `The guest user (${GUEST_REF}): the portal ran without sign-in, so no person is recorded`,
    ];
  }
  if (typeof displayName === 'string' && displayName.trim() && ref) {
    return [`${displayName.trim()} (${ref})`];
  }
  if (ref) return [ref];
  return ['An automated caller without a user identity'];
}

import { ActionContext } from '@backstage/plugin-scaffolder-node';

/**
 * Git author and committer of what a task commits: the user who ran it (its
 * catalog profile) as author, the scaffolder as committer.
 */
export function gitAuthorOf(user: ActionContext<any>['user']) {
  const profile = user?.entity?.spec?.profile as
    | { displayName?: string; email?: string }
    | undefined;
  return {
    GIT_AUTHOR_NAME: profile?.displayName ?? user?.ref ?? 'Scaffolder',
    GIT_AUTHOR_EMAIL: profile?.email ?? 'scaffolder@localhost',
    GIT_COMMITTER_NAME: 'Scaffolder',
    GIT_COMMITTER_EMAIL: 'scaffolder@localhost',
  };
}

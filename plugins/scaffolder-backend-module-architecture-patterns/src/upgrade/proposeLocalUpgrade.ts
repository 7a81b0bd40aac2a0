import fs from 'fs-extra';
import path from 'path';
import { git } from '../actions/publishLocal/gitCommand';
import { RepositoryUpgrade, upgradeRepository } from './upgradeRepository';

/** The prefix of the branches that hold upgrade proposals. */
export const UPGRADE_BRANCH_PREFIX = 'template-upgrade/';

export type LocalProposal = RepositoryUpgrade & {
  /** The branch pushed to the repository, when a step was committed. */
  branch?: string;
};

/**
 * Proposes an upgrade of a local repository: works in a clone, and pushes the
 * step commits to the branch `template-upgrade/<version>` of the repository
 * (replacing an earlier proposal for the same version). The repository's
 * checked-out branch and working tree are never touched.
 */
export async function proposeLocalUpgrade(
  options: Omit<Parameters<typeof upgradeRepository>[0], 'repoDir'> & {
    repositoryPath: string;
    /** False in a dry run: the branch is named but not pushed. */
    push?: boolean;
  },
): Promise<LocalProposal> {
  try {
    return await propose({ ...options, push: options.push ?? true });
  } finally {
    await fs.remove(options.workDir);
  }
}

async function propose(
  options: Parameters<typeof proposeLocalUpgrade>[0],
): Promise<LocalProposal> {
  const { repositoryPath, workDir, push, ...upgradeOptions } = options;
  const clone = path.join(workDir, 'repository');
  await fs.ensureDir(workDir);
  await git(workDir, ['clone', '-q', repositoryPath, clone]);
  await git(clone, ['checkout', '-q', '-b', 'template-upgrade']);
  const upgrade = await upgradeRepository({
    ...upgradeOptions,
    repoDir: clone,
    workDir: path.join(workDir, 'upgrade'),
  });
  const committed = upgrade.steps.filter(step => step.commit);
  if (committed.length === 0) return upgrade;
  const branch = `${UPGRADE_BRANCH_PREFIX}${
    committed[committed.length - 1].to
  }`;
  if (!push) return { ...upgrade, branch };
  await git(clone, [
    'push',
    '-q',
    '--force',
    'origin',
    `HEAD:refs/heads/${branch}`,
  ]);
  return { ...upgrade, branch };
}

import fs from 'fs-extra';
import path from 'path';
import { git } from '../../actions/publishLocal/gitCommand';
import { UPGRADE_BRANCH_PREFIX } from '../proposeLocalUpgrade';
import { RepositoryUpgrade, upgradeRepository } from '../upgradeRepository';

/** GitHub refuses a pull request body longer than this. */
const MAX_DESCRIPTION_LENGTH = 65_536;

/** The input of `publish:github:pull-request` for one upgrade proposal. */
export type PullRequestRequest = {
  repoUrl: string;
  branchName: string;
  targetBranchName?: string;
  title: string;
  description: string;
  /** The folder of the task workspace holding the added and changed files. */
  sourcePath: string;
  filesToDelete: string[];
  draft: boolean;
  commitMessage: string;
};

/** Opens (or updates) a pull request, as `publish:github:pull-request` does. */
export type OpenPullRequest = (
  request: PullRequestRequest,
) => Promise<{ url?: string; number?: number }>;

export type PullRequestProposal = RepositoryUpgrade & {
  branch?: string;
  pullRequest?: PullRequestRequest & { url?: string; number?: number };
};

/** The step reports as one pull request description, cut to GitHub's limit. */
export function pullRequestDescription(upgrade: RepositoryUpgrade): string {
  const reports = upgrade.steps.map(step => step.report).join('\n\n---\n\n');
  if (reports.length <= MAX_DESCRIPTION_LENGTH) return reports;
  const note =
    '\n\n_The report is longer than a pull request description can be: the full reports are in `.platform/upgrades/` on this branch._\n';
  return reports.slice(0, MAX_DESCRIPTION_LENGTH - note.length) + note;
}

/**
 * Proposes an upgrade of a repository on GitHub as a pull request: reads the
 * repository's files at its branch, upgrades them in the task's workspace,
 * and opens a pull request from `template-upgrade/<version>` with the files
 * the upgrade added or changed, the files it removed, and the report as its
 * description: a draft while conflict markers remain. The pull request is
 * one commit; the reports of every version step are in it and in the
 * description.
 */
export async function proposePullRequest(
  options: Omit<Parameters<typeof upgradeRepository>[0], 'repoDir'> & {
    repoUrl: string;
    targetBranchName?: string;
    /** Writes the repository's files at its branch into a folder. */
    readRepository: (targetDir: string) => Promise<void>;
    /** The task workspace, which `workDir` is inside of. */
    workspacePath: string;
    openPullRequest: OpenPullRequest;
  },
): Promise<PullRequestProposal> {
  // Everything but the pull request's files goes when the proposal is made.
  const scratchDir = path.join(options.workDir, 'scratch');
  try {
    return await propose({ ...options, scratchDir });
  } finally {
    await fs.remove(scratchDir);
  }
}

async function propose(
  options: Parameters<typeof proposePullRequest>[0] & { scratchDir: string },
): Promise<PullRequestProposal> {
  const { workDir, workspacePath, gitAuthor, scratchDir } = options;
  const repoDir = path.join(scratchDir, 'repository');
  await fs.ensureDir(repoDir);
  await options.readRepository(repoDir);
  await git(repoDir, ['init', '-q', '-b', 'upstream']);
  await git(repoDir, ['add', '--all']);
  await git(
    repoDir,
    ['commit', '-q', '--allow-empty', '-m', 'The repository as it is'],
    gitAuthor,
  );
  await git(repoDir, ['checkout', '-q', '-b', 'template-upgrade']);

  const upgrade = await upgradeRepository({
    repoDir,
    releases: options.releases,
    dryRun: options.dryRun,
    runGate: options.runGate,
    workDir: path.join(scratchDir, 'upgrade'),
    targetVersion: options.targetVersion,
    gitAuthor,
    log: options.log,
  });
  const committed = upgrade.steps.filter(step => step.commit);
  if (committed.length === 0) return upgrade;

  const last = committed[committed.length - 1];
  const sourceDir = path.join(workDir, 'pull-request');
  const filesToDelete: string[] = [];
  const changes = await git(repoDir, [
    'diff',
    '--name-status',
    '--no-renames',
    '-z',
    'upstream',
    'HEAD',
  ]);
  const fields = changes.split('\0').filter(Boolean);
  for (let i = 0; i < fields.length; i += 2) {
    const [status, file] = [fields[i], fields[i + 1]];
    if (status === 'D') {
      filesToDelete.push(file);
    } else {
      await fs.copy(path.join(repoDir, file), path.join(sourceDir, file));
    }
  }
  await fs.ensureDir(sourceDir);

  const branchName = `${UPGRADE_BRANCH_PREFIX}${last.to}`;
  const draft = upgrade.status === 'conflicts';
  const title = `Upgrade ${upgrade.template} from ${upgrade.from} to ${
    last.to
  }${draft ? ' (draft: conflicts to resolve)' : ''}`;
  const request: PullRequestRequest = {
    repoUrl: options.repoUrl,
    branchName,
    ...(options.targetBranchName && {
      targetBranchName: options.targetBranchName,
    }),
    title,
    description: pullRequestDescription(upgrade),
    sourcePath: path.relative(workspacePath, sourceDir),
    filesToDelete,
    draft,
    commitMessage: `${title}\n\nReports: .platform/upgrades/`,
  };
  const opened = await options.openPullRequest(request);
  return {
    ...upgrade,
    branch: branchName,
    pullRequest: { ...request, ...opened },
  };
}

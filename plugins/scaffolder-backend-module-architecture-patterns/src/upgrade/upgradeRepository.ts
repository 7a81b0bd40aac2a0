import fs from 'fs-extra';
import path from 'path';
import { git } from '../actions/publishLocal/gitCommand';
import { FileTree, readTree, writeTree } from '../provenance/fileTree';
import {
  provenanceOf,
  readProvenance,
  sha256,
  TemplateProvenance,
  writeProvenance,
} from '../provenance/provenance';
import { GateResource } from './gate/runSafetyGate';
import { mergeTrees } from './merge/mergeTrees';
import { applyRenames } from './migrations';
import { renderRelease } from './render/renderRelease';
import { DryRun } from './render/scaffolderDryRun';
import {
  Migration,
  readMigration,
  TemplateReleases,
} from './releases/templateReleases';
import { StepReport, upgradeReportMarkdown } from './upgradeReport';

/** The safety gate's verdict on one step, as the report shows it. */
export type GateOutcome = {
  passed: boolean;
  markdown: string;
  reason?: string;
  /** The resource changes of every stack. */
  resources?: GateResource[];
};

/** Runs the safety gate on the repository before and after a step. */
export type RunGate = (input: {
  beforeDir: string;
  afterDir: string;
  workDir: string;
  declaredReplacements: Migration['replacements'];
}) => Promise<GateOutcome>;

export type UpgradeStep = StepReport & { report: string; commit?: string };

export type RepositoryUpgrade = {
  template: string;
  from: string;
  target: string;
  steps: UpgradeStep[];
  status: 'up-to-date' | StepReport['status'];
};

/** Where upgrade reports go in the repository. */
export const REPORTS_DIRECTORY = '.platform/upgrades';

function libraryVersion(tree: FileTree, fallback: string) {
  const file = [...tree.keys()].find(f => f.endsWith('constructs/VERSION'));
  const match = file && /(\S+)\s*$/.exec(tree.get(file)!.content.toString());
  return match ? match[1] : fallback;
}

/**
 * How many of the files the old version generated render again exactly as
 * they were generated (decision records aside: they are dated).
 */
function baseFidelity(recorded: TemplateProvenance, baseTree: FileTree) {
  const generated = Object.entries(recorded.files).filter(
    ([, file]) => file.kind !== 'record',
  );
  return {
    recorded: generated.length,
    identical: generated.filter(([file, { sha256: hash }]) => {
      const content = baseTree.get(file)?.content;
      return content !== undefined && sha256(content) === hash;
    }).length,
  };
}

/**
 * Upgrades the git working tree `repoDir` (on the branch that will hold the
 * proposal) to `targetVersion`, one released version at a time. Each step
 * renders the old version with the recorded answers (the base) and the next
 * one (theirs), merges them into the repository (ours), runs the safety gate
 * and commits the result with its report. It stops at the first step with
 * conflicts (committed as a draft, markers in place) or that the gate refuses
 * (not committed).
 */
export async function upgradeRepository(options: {
  repoDir: string;
  releases: TemplateReleases;
  dryRun: DryRun;
  runGate: RunGate;
  workDir: string;
  targetVersion?: string;
  gitAuthor: Record<string, string>;
  log: (line: string) => void;
}): Promise<RepositoryUpgrade> {
  const { repoDir, releases, workDir, log } = options;
  const start = await readProvenance(repoDir);
  const template = start.template.name;
  const versions = await releases.steps(
    template,
    start.template.version,
    options.targetVersion,
  );
  const target = versions[versions.length - 1] ?? start.template.version;
  const upgrade: RepositoryUpgrade = {
    template,
    from: start.template.version,
    target,
    steps: [],
    status: 'up-to-date',
  };

  const release = async (version: string) => {
    const releaseDir = path.join(workDir, 'releases', template, version);
    if (!(await fs.pathExists(releaseDir))) {
      await releases.extract(template, version, releaseDir);
    }
    return { releaseDir, migration: await readMigration(releaseDir) };
  };
  const render = (releaseDir: string, answers: Record<string, unknown>) =>
    renderRelease({ releaseDir, answers, dryRun: options.dryRun });

  for (const version of versions) {
    const recorded: TemplateProvenance = await readProvenance(repoDir);
    const from = recorded.template.version;
    log(`${template}: ${from} → ${version}: rendering both versions`);
    const old = await release(from);
    const next = await release(version);
    // Answers for parameters the new version added, where their default does not fit.
    const answers = { ...next.migration.answers, ...recorded.answers };
    const baseTree = await render(old.releaseDir, recorded.answers);
    const theirsTree = await render(next.releaseDir, answers);
    const renamed = applyRenames({
      migration: next.migration,
      answers,
      ours: await readTree(repoDir),
      base: baseTree,
      recorded,
    });
    const merge = await mergeTrees({
      base: renamed.base,
      theirs: theirsTree,
      ours: renamed.ours,
      recorded: renamed.recorded,
      labels: {
        ours: 'your repository',
        base: `template ${from}`,
        theirs: `template ${version}`,
      },
    });
    const step: StepReport = {
      template,
      from,
      to: version,
      status: 'upgraded',
      files: merge.files,
      renamed: renamed.renamed,
      baseFidelity: baseFidelity(recorded, baseTree),
      gate: '',
    };

    const beforeDir = path.join(workDir, `before-${version}`);
    await fs.remove(beforeDir);
    await fs.ensureDir(beforeDir);
    await writeTree(beforeDir, await readTree(repoDir));
    await writeTree(repoDir, merge.tree);
    await writeProvenance(
      repoDir,
      provenanceOf({
        tree: theirsTree,
        template: { name: template, version },
        answers,
        constructLibraryVersion: libraryVersion(
          theirsTree,
          recorded.constructLibrary.version,
        ),
        vendored: recorded.folders.vendored,
        records: recorded.folders.records,
      }),
    );

    if (merge.conflicts.length > 0) {
      step.status = 'conflicts';
      step.gate = `Not run: ${
        merge.conflicts.length
      } file(s) have conflicts (${merge.conflicts.join(', ')}).`;
    } else {
      log(
        `${template} ${version}: npm ci, npm test and cdk synth before and after, then the stack diff`,
      );
      const gate = await options.runGate({
        beforeDir,
        afterDir: repoDir,
        workDir: path.join(workDir, `gate-${version}`),
        declaredReplacements: next.migration.replacements,
      });
      step.gate = gate.markdown;
      step.resources = gate.resources;
      if (!gate.passed) {
        step.status = 'blocked';
        step.reason = gate.reason;
      }
    }
    const report = upgradeReportMarkdown(step);
    if (step.status === 'blocked') {
      // Nothing of a refused step is proposed.
      await git(repoDir, ['reset', '-q', '--hard']);
      await git(repoDir, ['clean', '-q', '-fd']);
      upgrade.steps.push({ ...step, report });
      upgrade.status = 'blocked';
      log(
        `${template} ${version}: blocked: ${step.reason ?? 'see the report'}`,
      );
      break;
    }
    await fs.outputFile(
      path.join(repoDir, REPORTS_DIRECTORY, `${version}.md`),
      report,
    );
    await git(repoDir, ['add', '--all']);
    await git(
      repoDir,
      [
        'commit',
        '-q',
        '-m',
        step.status === 'conflicts'
          ? `Upgrade ${template} from ${from} to ${version} (draft: conflicts to resolve)`
          : `Upgrade ${template} from ${from} to ${version}`,
        '-m',
        `Report: ${REPORTS_DIRECTORY}/${version}.md`,
      ],
      options.gitAuthor,
    );
    const commit = await git(repoDir, ['rev-parse', 'HEAD']);
    upgrade.steps.push({ ...step, report, commit });
    upgrade.status = step.status;
    log(`${template} ${version}: ${step.status} (${commit.slice(0, 8)})`);
    if (step.status !== 'upgraded') break;
  }
  return upgrade;
}

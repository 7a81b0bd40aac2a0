import { GateResource } from './gate/runSafetyGate';
import { MergedFile } from './merge/mergeTrees';

/** What one version step of an upgrade did, for its report. */
export type StepReport = {
  template: string;
  from: string;
  to: string;
  status: 'upgraded' | 'conflicts' | 'blocked' | 'failed';
  files: MergedFile[];
  renamed: Array<{ from: string; to: string }>;
  /** Files of the old version that rendered again exactly as they were generated. */
  baseFidelity: { identical: number; recorded: number };
  /** The safety gate's section, or why it did not run. */
  gate: string;
  /** The resource changes the gate found in every stack. */
  resources?: GateResource[];
  reason?: string;
};

const OUTCOME_TEXT: Record<MergedFile['outcome'], string> = {
  added: 'added by the new version',
  updated: "template change taken (your team hadn't changed it)",
  merged: "template change merged with your team's edits",
  removed: 'removed by the new version',
  'kept-deleted': 'deleted by your team: stays deleted',
  renamed: 'moved by the migration, with your edits',
  conflict: 'conflict: needs a person',
};

const STATUS_TEXT: Record<StepReport['status'], string> = {
  upgraded:
    'Upgraded: merged, tested and synthesized, no stateful resource replaced.',
  conflicts:
    'Draft: some files have conflicts. Resolve the markers (search for the lines starting with seven < characters), run `npm test` and `npx cdk synth`, then merge. CI refuses this branch until the markers are gone.',
  blocked: 'Blocked by the safety gate: nothing of this step is proposed.',
  failed: 'Failed: nothing of this step is proposed.',
};

/** The upgrade report of one version step, as committed in `.platform/upgrades/<version>.md`. */
export function upgradeReportMarkdown(step: StepReport): string {
  const lines = [
    `# ${step.template}: template upgrade ${step.from} to ${step.to}`,
    '',
    STATUS_TEXT[step.status],
    ...(step.reason ? ['', `Reason: ${step.reason}`] : []),
    '',
    '## Files',
    '',
  ];
  const files = [
    ...step.renamed.map(r => ({
      path: `${r.from} → ${r.to}`,
      outcome: 'renamed' as const,
      note: undefined,
    })),
    ...step.files,
  ];
  if (files.length === 0) {
    lines.push('No file changes: the new version generates the same files.');
  } else {
    lines.push('| File | What happened | Note |', '| --- | --- | --- |');
    for (const file of files) {
      lines.push(
        `| \`${file.path}\` | ${OUTCOME_TEXT[file.outcome]} | ${
          file.note ?? ''
        } |`,
      );
    }
  }
  const { identical, recorded } = step.baseFidelity;
  lines.push(
    '',
    `The old version rendered again with the recorded answers matches ${identical} of the ${recorded} files it generated${
      identical < recorded
        ? '; the merge treats the others as changed by your team, so it keeps your version where the two differ'
        : ''
    }.`,
    '',
    '## Tests, synth and infrastructure',
    '',
    step.gate,
    '',
  );
  return lines.join('\n');
}

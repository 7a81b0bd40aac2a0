import { GateCommand, SafetyGateReport } from './runSafetyGate';

const CHANGE_ORDER = ['destroyed', 'orphaned', 'replaced', 'changed', 'added'];

function commandCell(command?: GateCommand) {
  if (!command) return 'not run';
  return `${command.ok ? 'passed' : '**failed**'} (${command.seconds} s)`;
}

/** Why the gate refused, in one line: the first thing to fix. */
export function gateRefusal(report: SafetyGateReport): string | undefined {
  if (report.passed) return undefined;
  for (const [side, commands] of [
    ['before the upgrade', report.before],
    ['after the upgrade', report.after],
  ] as const) {
    const failed = commands.find(c => !c.ok);
    if (failed) return `${failed.name} failed ${side}`;
  }
  if (report.blocked.length > 0) return report.blocked[0].why;
  return 'the gate could not run every check';
}

/** The report's section on tests, synth and the infrastructure diff. */
export function gateReportMarkdown(report: SafetyGateReport): string {
  const lines = [
    report.passed
      ? 'Safety gate: **passed**.'
      : `Safety gate: **refused**: ${gateRefusal(report)}.`,
    '',
    '| Check | Before the upgrade | After the upgrade |',
    '| --- | --- | --- |',
  ];
  for (const name of ['npm ci', 'npm test', 'cdk synth'] as const) {
    lines.push(
      `| ${name} | ${commandCell(
        report.before.find(c => c.name === name),
      )} | ${commandCell(report.after.find(c => c.name === name))} |`,
    );
  }
  for (const [side, commands] of [
    ['before', report.before],
    ['after', report.after],
  ] as const) {
    for (const command of commands.filter(c => !c.ok)) {
      lines.push(
        '',
        `Output of ${command.name} ${side} the upgrade (end):`,
        '',
        '```text',
        command.output,
        '```',
      );
    }
  }

  lines.push('', '### Infrastructure changes', '');
  if (report.resources.length === 0) {
    const synthesized = report.before.length === 3 && report.after.length === 3;
    lines.push(
      synthesized
        ? 'No resource changes in any stack.'
        : 'No diff: a synth did not complete.',
    );
  } else {
    const counts = CHANGE_ORDER.map(change => [
      change,
      report.resources.filter(r => r.change === change).length,
    ]).filter(([, count]) => count);
    lines.push(
      `${counts.map(([change, count]) => `${count} ${change}`).join(', ')}.`,
      '',
      '| Stack | Resource | Type | Change | Stateful | Note |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    const sorted = [...report.resources].sort(
      (a, b) =>
        CHANGE_ORDER.indexOf(a.change) - CHANGE_ORDER.indexOf(b.change) ||
        a.stack.localeCompare(b.stack) ||
        a.logicalId.localeCompare(b.logicalId),
    );
    for (const r of sorted) {
      const blocked = report.blocked.some(
        b => b.stack === r.stack && b.logicalId === r.logicalId,
      );
      let note = r.mayReplace ? 'may be replaced' : '';
      if (r.declaredReason) {
        note = `declared by the migration: ${r.declaredReason}`;
      }
      if (blocked) note = '**blocks the upgrade**';
      lines.push(
        `| ${r.stack} | ${r.logicalId} | ${r.type} | ${r.change} | ${
          r.stateful ? 'yes' : 'no'
        } | ${note} |`,
      );
    }
  }
  if (report.blocked.length > 0) {
    lines.push('', 'Blocked:', '', ...report.blocked.map(b => `- ${b.why}.`));
  }
  return lines.join('\n');
}

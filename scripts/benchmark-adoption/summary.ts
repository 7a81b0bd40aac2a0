/** What is printed of the results: query lines, overhead figures, the summary and the targets. */
import { CpuUse } from './cpu';
import { int, kb, ms, pad, padl, pct } from './format';
import { mean, median } from './stats';
import { OverheadResult, QueryResult, RunResult } from './types';

export function printQuery(q: QueryResult) {
  const s = q.stats;
  console.log(
    `    (${q.id}) ${pad(q.label, 66)} p50 ${padl(ms(s.p50), 10)}  p95 ${padl(
      ms(s.p95),
      10,
    )}  ` +
      `min ${padl(ms(s.min), 10)}  max ${padl(ms(s.max), 10)}  n=${s.n}${
        q.bytes !== undefined ? `  ${kb(q.bytes)}` : ''
      }`,
  );
}

/** Warns when other processes used a noticeable share of the machine. */
export function busyWarning(use: CpuUse | undefined) {
  if (!use || use.wallMs <= 0) return '';
  const others = use.otherMs / use.wallMs;
  return others > 0.25
    ? `  [WARNING: other processes used ${others.toFixed(
        2,
      )} cores; wall-clock figures are perturbed]`
    : '';
}

export interface OverheadFigure {
  /** Means over the rounds, per component. */
  without: number;
  with: number;
  /** Median over the rounds of with against without in the same round, in %. */
  overhead: number;
  /** With against without in the same round, in %. */
  perRound: number[];
}

export function overheadFigures(o: OverheadResult) {
  const fig = (k: 'processMs' | 'doneMs' | 'cpuMs'): OverheadFigure => {
    const perRound = o.with[k].map((w, i) => (w / o.without[k][i] - 1) * 100);
    return {
      without: mean(o.without[k]) / o.n,
      with: mean(o.with[k]) / o.n,
      overhead: median(perRound),
      perRound,
    };
  };
  return {
    cpu: fig('cpuMs'),
    engine: fig('processMs'),
    done: fig('doneMs'),
  };
}

const TARGETS: Array<{ size: number; overviewP95: number; pageP95: number }> = [
  { size: 100_000, overviewP95: 500, pageP95: 150 },
  { size: 10_000, overviewP95: 150, pageP95: 100 },
];
const OVERHEAD_TARGET = 10;

/** The latency rows of the targets: label, budget, query. */
const LATENCY_TARGETS: Array<[string, 'overviewP95' | 'pageP95', string]> = [
  ['(a) overview (adoption summary) p95', 'overviewP95', 'a'],
  ['(b) overview by owner p95 (extra)', 'overviewP95', 'b'],
  ['(a0) catalog facets behind (a) p95 (extra)', 'overviewP95', 'a0'],
  ['(b0) catalog facets behind (b) p95 (extra)', 'overviewP95', 'b0'],
  ['(c) page of adopters p95', 'pageP95', 'c'],
  ['(d) overview table page p95 (extra)', 'pageP95', 'd'],
];

const SUMMARY_IDS = ['a', 'b', 'a0', 'b0', 'c', 'd', 'e'];

export function printSummary(results: RunResult[]) {
  console.log(
    '\n=================================================================== SUMMARY',
  );
  console.log(
    'Latency per query, p50 / p95 (ms), CatalogClient over HTTP against the in-process backend:',
  );
  console.log(
    `${pad('db', 11)}${padl('size', 9)}${padl('seed s', 9)}` +
      SUMMARY_IDS.map(id => padl(`(${id})`, 17)).join('') +
      padl('naive/facets', 14) +
      padl('overhead', 10),
  );
  for (const r of results) printLatencyRow(r);
  console.log(
    '  (a) overview: adoption summary  (b) summary by owner  (a0), (b0) the catalog facets behind them  ' +
      '(c) page of adopters of a popular pattern (10)  (d) overview table page (20)  (e) naive fetch-all + count; naive/facets against (a0);',
  );
  console.log(
    '  seed s = mutation start until all components are processed, stitched and carry their relations; overhead = CPU ms/component (this process + postgres) with vs without the module',
  );
  printMachineNotes(results);

  console.log(
    '\nTargets (latency budgets apply to PostgreSQL, SQLite rows are marked (info); the processor overhead target applies to both):',
  );
  console.log(
    `${pad('target', 44)}${pad('db', 11)}${padl('size', 9)}${padl(
      'budget',
      11,
    )}${padl('measured', 11)}  result`,
  );
  for (const r of results) {
    if (!r.error) printTargets(r);
  }
}

function printLatencyRow(r: RunResult) {
  if (r.error) {
    console.log(
      `${pad(r.db, 11)}${padl(int(r.size), 9)}  ${
        r.gaveUp ? 'GAVE UP' : 'FAILED'
      }: ${r.error}`,
    );
    return;
  }
  const cell = (id: string) => {
    const q = r.queries.find(x => x.id === id);
    return padl(
      q ? `${q.stats.p50.toFixed(1)} / ${q.stats.p95.toFixed(1)}` : '-',
      17,
    );
  };
  const a = r.queries.find(q => q.id === 'a0')!;
  const e = r.queries.find(q => q.id === 'e')!;
  const ovh = r.overhead ? pct(overheadFigures(r.overhead).cpu.overhead) : '-';
  console.log(
    `${pad(r.db, 11)}${padl(int(r.size), 9)}${padl(
      (r.doneMs / 1000).toFixed(1),
      9,
    )}` +
      SUMMARY_IDS.map(cell).join('') +
      padl(`${(e.stats.p50 / a.stats.p50).toFixed(1)}x`, 14) +
      padl(ovh, 10),
  );
}

/** How busy the machine was, and how the naive client was measured. */
function printMachineNotes(results: RunResult[]) {
  const busy = (u?: CpuUse) =>
    u && u.wallMs > 0 ? (u.otherMs / u.wallMs).toFixed(2) : '?';
  for (const r of results) {
    if (r.error) continue;
    console.log(
      `  ${r.db} ${int(r.size)}: other processes on the machine used ${busy(
        r.seedCpu,
      )} cores while seeding, ${busy(r.measureCpu)} while measuring` +
        (r.processCpuMs !== undefined
          ? `; processing cost ${r.processCpuMs.toFixed(2)} CPU ms/component`
          : ''),
    );
  }
  for (const r of results.filter(x => x.naiveNote))
    console.log(`  note ${r.db} ${int(r.size)}: naive ${r.naiveNote}`);
}

function printTargets(r: RunResult) {
  const t = TARGETS.find(x => x.size === r.size);
  for (const [label, budget, id] of LATENCY_TARGETS) {
    const p95 = r.queries.find(q => q.id === id)?.stats.p95;
    printTarget(r, label, t?.[budget], p95, 'ms');
  }
  if (r.overhead) {
    const f = overheadFigures(r.overhead);
    const n = int(r.overhead.n);
    const overhead = (label: string, value: number) =>
      printTarget(r, label, OVERHEAD_TARGET, value, '%');
    overhead(`processor overhead, CPU (${n})`, f.cpu.overhead);
    overhead(`processor overhead, engine wall (${n})`, f.engine.overhead);
    overhead(`processor overhead, until stitched (${n})`, f.done.overhead);
  }
}

/**
 * One row of the targets: a latency passes below its budget (on SQLite it is
 * only information), the overhead up to its budget.
 */
function printTarget(
  r: RunResult,
  label: string,
  budget: number | undefined,
  value: number | undefined,
  unit: 'ms' | '%',
) {
  const latency = unit === 'ms';
  const lower = latency ? '<' : '≤';
  const note = latency && r.db !== 'pg' ? ' (info)' : '';
  const result =
    budget === undefined || value === undefined
      ? 'no target'
      : (latency ? value < budget : value <= budget)
      ? 'PASS'
      : 'MISS';
  const measured =
    value === undefined ? '-' : latency ? `${value.toFixed(1)} ms` : pct(value);
  console.log(
    `${pad(label, 44)}${pad(r.db, 11)}${padl(int(r.size), 9)}` +
      `${padl(budget === undefined ? '-' : `${lower}${budget} ${unit}`, 11)}` +
      `${padl(measured, 11)}  ${result}${budget === undefined ? '' : note}`,
  );
}

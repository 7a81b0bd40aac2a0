/** The results of the runs, as the summary reads them. */
import { DatabaseKind } from './catalogBackend';
import { CpuUse } from './cpu';
import { Stats } from './stats';

export interface QueryResult {
  id: string;
  label: string;
  stats: Stats;
  bytes?: number;
  note?: string;
}

export interface OverheadSide {
  /** Engine processing window: first component picked up to last processed, ms. */
  processMs: number[];
  /** Mutation start until all components are processed and stitched, ms. */
  doneMs: number[];
  /** CPU of this process and postgres, mutation start until done, ms. */
  cpuMs: number[];
  /** Cores other processes used meanwhile. */
  otherCores: number[];
}

export interface OverheadResult {
  n: number;
  rounds: number;
  without: OverheadSide;
  with: OverheadSide;
}

export interface RunResult {
  db: DatabaseKind;
  size: number;
  baseSeedMs: number;
  applyMs: number;
  processWindowMs: number;
  doneMs: number;
  queries: QueryResult[];
  /** CPU of this process + postgres per component while processing, ms. */
  processCpuMs?: number;
  seedCpu?: CpuUse;
  measureCpu?: CpuUse;
  naiveNote?: string;
  checks: string[];
  overhead?: OverheadResult;
  error?: string;
  /** The error is --seed-timeout running out. */
  gaveUp?: boolean;
}

/** A result with nothing measured yet. */
export function emptyResult(db: DatabaseKind, size: number): RunResult {
  return {
    db,
    size,
    baseSeedMs: 0,
    applyMs: 0,
    processWindowMs: 0,
    doneMs: 0,
    queries: [],
    checks: [],
  };
}

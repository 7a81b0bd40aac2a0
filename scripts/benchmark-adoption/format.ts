/** How the figures are printed. */
import { DatabaseKind } from './catalogBackend';

export const int = (n: number) => n.toLocaleString('en-US');
export const ms = (x: number) =>
  x < 10
    ? `${x.toFixed(2)} ms`
    : x < 1000
    ? `${x.toFixed(1)} ms`
    : `${int(Math.round(x))} ms`;
export const secs = (x: number) => `${(x / 1000).toFixed(1)} s`;
export const kb = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KB`
    : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
export const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
export const dbLabel = (db: DatabaseKind) =>
  db === 'pg' ? 'PostgreSQL' : 'SQLite (memory)';
export const pad = (s: string, n: number) => s.padEnd(n);
export const padl = (s: string, n: number) => s.padStart(n);

import fs from 'fs';
import os from 'os';
import path from 'path';
import { cleanEnvironment, runSandboxed } from './sandbox';

describe('cleanEnvironment', () => {
  it('passes no variable of the portal and keeps home and temp inside the work folder', () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'portal-secret';
    try {
      const env = cleanEnvironment('/scratch', { EXTRA: 'yes' });
      expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
      expect(env.HOME).toBe(path.join('/scratch', 'home'));
      expect(env.TMPDIR).toBe(path.join('/scratch', 'tmp'));
      expect(env.EXTRA).toBe('yes');
      expect(env.PATH?.split(path.delimiter)[0]).toBe(
        path.dirname(process.execPath),
      );
    } finally {
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });
});

describe('runSandboxed', () => {
  const cwd = os.tmpdir();
  const env = cleanEnvironment(cwd);

  it('returns the exit code and the output', async () => {
    const run = await runSandboxed(
      '/bin/sh',
      ['-c', 'echo out; echo err >&2; exit 3'],
      { cwd, env, timeoutMs: 10_000 },
    );
    expect(run).toEqual({
      code: 3,
      stdout: 'out\n',
      stderr: 'err\n',
      timedOut: false,
    });
  });

  it('kills the whole process group when the time limit passes', async () => {
    const marker = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-')),
      'late',
    );
    // A child the command forks would write the marker after two seconds.
    const run = await runSandboxed(
      '/bin/sh',
      ['-c', `(sleep 2; touch ${marker}) & sleep 30`],
      { cwd, env, timeoutMs: 500 },
    );
    expect(run.timedOut).toBe(true);
    await new Promise(resolve => setTimeout(resolve, 2500));
    expect(fs.existsSync(marker)).toBe(false);
  });
});

import { execFile } from 'child_process';
import { promisify } from 'util';

const run = promisify(execFile);

/** Runs git in a folder with a clean, predictable environment. */
export async function git(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
) {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      ...env,
    },
  });
  return stdout.trim();
}

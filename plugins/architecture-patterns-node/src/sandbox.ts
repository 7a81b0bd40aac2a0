import { spawn } from 'child_process';
import os from 'os';
import path from 'path';

/** What a sandboxed command did. */
export type SandboxRun = {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
};

/** Network settings an install needs on machines behind a proxy or a private CA. */
const NETWORK_SETTINGS = [
  'npm_config_registry',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

function passThrough(names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap(name =>
      process.env[name] ? [[name, process.env[name]!]] : [],
    ),
  );
}

/**
 * The environment repository code runs in: no variable of the portal's own (no secrets, no
 * cloud credentials, no database or token settings), only a PATH to Node.js and the system
 * tools, and a home and temporary folder inside the evaluation's working folder.
 */
export function cleanEnvironment(
  workDir: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: [
      path.dirname(process.execPath),
      '/usr/local/bin',
      '/usr/bin',
      '/bin',
    ].join(path.delimiter),
    HOME: path.join(workDir, 'home'),
    TMPDIR: path.join(workDir, 'tmp'),
    LANG: 'C.UTF-8',
    CI: 'true',
    // How this machine reaches the package registry (not any credential).
    ...passThrough(NETWORK_SETTINGS),
    ...extra,
  };
}

/**
 * Runs a command in its own process group with `env` only, at the lowest CPU priority (the
 * portal's own requests come first; what the command starts inherits it), and kills the whole
 * group when `timeoutMs` passes (a synth that forks keeps nothing running behind it).
 */
export function runSandboxed(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<SandboxRun> {
  return new Promise(resolve => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid) {
      try {
        os.setPriority(child.pid, 19);
      } catch {
        // Gone already, or not allowed: run at normal priority.
      }
    }
    let stdout = '';
    let stderr = '';
    const keep = (text: string, chunk: Buffer) =>
      (text + chunk.toString('utf8')).slice(-256 * 1024);
    child.stdout.on('data', chunk => (stdout = keep(stdout, chunk)));
    child.stderr.on('data', chunk => (stderr = keep(stderr, chunk)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, Math.max(0, options.timeoutMs));
    const finish = (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    };
    child.on('error', error => {
      stderr += String(error);
      finish(null);
    });
    child.on('close', finish);
  });
}

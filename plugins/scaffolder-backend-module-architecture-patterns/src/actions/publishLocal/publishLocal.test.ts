import fs from 'fs-extra';
import path from 'path';
import { execFileSync } from 'child_process';
import { ConflictError, InputError } from '@backstage/errors';
import { LOCAL_REPOSITORY_PUBLISHED_TOPIC } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  createMockActionContext,
  createTemporaryFolder,
  MockActionContextOptions,
} from '../../__testUtils__/mockActionContext';
import { createEventsServiceMock } from '../../__testUtils__/fixtures';
import { git } from './gitCommand';
import { createPublishLocalAction } from './publishLocal';

// The real git helper, wrapped so that one test can make a command fail.
jest.mock('./gitCommand', () => {
  const actual = jest.requireActual('./gitCommand');
  return { git: jest.fn(actual.git) };
});
const mockGit = git as jest.MockedFunction<typeof git>;

const TASK_ID = '6f1c2f9e-5a44-4d4f-9a53-2f4f3b0c9e11';

/** Runs git in a repository the test inspects. */
const inspect = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Folder names in the publishing folder, hidden ones included. */
const listing = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];

describe('publish:local', () => {
  let publishDir: string;
  let events: ReturnType<typeof createEventsServiceMock>;
  let action: ReturnType<typeof createPublishLocalAction>;

  beforeEach(() => {
    mockGit.mockReset();
    mockGit.mockImplementation(jest.requireActual('./gitCommand').git);
    publishDir = path.join(createTemporaryFolder('publish-'), 'repositories');
    events = createEventsServiceMock();
    action = createPublishLocalAction({ directory: publishDir, events });
  });

  /** A context whose workspace holds a small generated service. */
  async function context(
    input: Record<string, any>,
    options: Omit<MockActionContextOptions, 'input'> = {},
  ) {
    const ctx = createMockActionContext({
      input,
      taskId: TASK_ID,
      ...options,
    });
    if (!options.workspacePath) {
      await fs.outputFile(
        path.join(ctx.workspacePath, 'catalog-info.yaml'),
        'kind: Component\n',
      );
      await fs.outputFile(
        path.join(ctx.workspacePath, 'lib/service.ts'),
        'export {};\n',
      );
      await fs.outputFile(
        path.join(ctx.workspacePath, 'docs/adr/0001-use-x.md'),
        '# Use x\n',
      );
    }
    return ctx;
  }

  it('creates a git repository with one commit on main by the user, with the task trailer', async () => {
    const ctx = await context({ repoName: 'order-intake' });
    await action.handler(ctx);

    const repoDir = path.join(publishDir, 'order-intake');
    expect(listing(publishDir)).toEqual(['order-intake']);
    expect(inspect(repoDir, 'rev-parse', '--is-inside-work-tree')).toBe('true');
    expect(inspect(repoDir, 'rev-parse', '--show-toplevel')).toBe(
      fs.realpathSync(repoDir),
    );
    expect(inspect(repoDir, 'branch', '--show-current')).toBe('main');
    expect(inspect(repoDir, 'rev-list', '--count', '--all')).toBe('1');
    expect(inspect(repoDir, 'log', '-1', '--format=%an <%ae>')).toBe(
      'Jane Doe <jane.doe@example.com>',
    );
    expect(inspect(repoDir, 'log', '-1', '--format=%s')).toBe(
      'Initial commit from template',
    );
    expect(
      inspect(
        repoDir,
        'log',
        '-1',
        '--format=%(trailers:key=Scaffolder-Task,valueonly)',
      ),
    ).toBe(TASK_ID);
    expect(inspect(repoDir, 'log', '-1', '--format=%B')).toContain(
      `\n\nScaffolder-Task: ${TASK_ID}`,
    );

    // The workspace files, committed and checked out, and nothing else.
    expect(inspect(repoDir, 'ls-files').split('\n')).toEqual([
      'catalog-info.yaml',
      'docs/adr/0001-use-x.md',
      'lib/service.ts',
    ]);
    expect(inspect(repoDir, 'status', '--porcelain')).toBe('');
    expect(
      await fs.readFile(path.join(repoDir, 'lib/service.ts'), 'utf8'),
    ).toBe('export {};\n');
  });

  it('outputs file:// URLs and the repository path', async () => {
    const ctx = await context({ repoName: 'order-intake' });
    await action.handler(ctx);

    const repoDir = path.join(publishDir, 'order-intake');
    expect(ctx.outputs).toEqual({
      remoteUrl: `file://${repoDir}`,
      repoContentsUrl: `file://${repoDir}`,
      repositoryPath: repoDir,
    });
    expect(ctx.checkpoints).toEqual(['publish.local.order-intake']);
  });

  it('publishes an event for the catalog once the repository is in place', async () => {
    events.publish.mockImplementation(async ({ eventPayload }) => {
      const { repositoryPath } = eventPayload as { repositoryPath: string };
      expect(inspect(repositoryPath, 'rev-list', '--count', 'HEAD')).toBe('1');
    });
    const ctx = await context({ repoName: 'order-intake' });
    await action.handler(ctx);

    expect(events.publish).toHaveBeenCalledTimes(1);
    expect(events.publish).toHaveBeenCalledWith({
      topic: LOCAL_REPOSITORY_PUBLISHED_TOPIC,
      eventPayload: { repositoryPath: path.join(publishDir, 'order-intake') },
    });
  });

  it('creates a repository of its own inside a folder that is in a git repository', async () => {
    // Like the portal's .local-repositories, inside this monorepo.
    const outer = createTemporaryFolder('outer-repo-');
    execFileSync('git', ['init', '-q', outer]);
    const nested = createPublishLocalAction({
      directory: path.join(outer, '.local-repositories'),
      events,
    });
    await nested.handler(await context({ repoName: 'order-intake' }));

    const repoDir = path.join(outer, '.local-repositories/order-intake');
    expect(inspect(repoDir, 'rev-parse', '--show-toplevel')).toBe(
      fs.realpathSync(repoDir),
    );
    expect(inspect(repoDir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(inspect(outer, 'rev-list', '--all')).toBe('');

    // Another task's repository name is still refused there.
    await expect(
      nested.handler(
        await context({ repoName: 'order-intake' }, { taskId: 'other' }),
      ),
    ).rejects.toThrow(ConflictError);
  });

  it('honours sourcePath, defaultBranch and commitMessage', async () => {
    const ctx = await context({
      repoName: 'docs-only',
      sourcePath: 'docs',
      defaultBranch: 'trunk',
      commitMessage: 'Start the docs',
    });
    await action.handler(ctx);

    const repoDir = path.join(publishDir, 'docs-only');
    expect(inspect(repoDir, 'ls-files')).toBe('adr/0001-use-x.md');
    expect(inspect(repoDir, 'branch', '--show-current')).toBe('trunk');
    expect(inspect(repoDir, 'log', '-1', '--format=%s')).toBe('Start the docs');
  });

  it('falls back to the user ref, then to "Scaffolder", as the author', async () => {
    await action.handler(
      await context(
        { repoName: 'by-ref' },
        { user: { ref: 'user:default/guest' } },
      ),
    );
    await action.handler(
      await context({ repoName: 'by-nobody' }, { user: null }),
    );

    expect(
      inspect(
        path.join(publishDir, 'by-ref'),
        'log',
        '-1',
        '--format=%an <%ae>',
      ),
    ).toBe('user:default/guest <scaffolder@localhost>');
    expect(
      inspect(
        path.join(publishDir, 'by-nobody'),
        'log',
        '-1',
        '--format=%an <%ae>',
      ),
    ).toBe('Scaffolder <scaffolder@localhost>');
  });

  it('succeeds when the same task runs again, leaving exactly one commit', async () => {
    await action.handler(await context({ repoName: 'order-intake' }));
    const repoDir = path.join(publishDir, 'order-intake');
    const head = inspect(repoDir, 'rev-parse', 'HEAD');

    // Task recovery: a new attempt of the same task, with a fresh workspace
    // and no record of the checkpoint having succeeded.
    const retry = await context({ repoName: 'order-intake' });
    await expect(action.handler(retry)).resolves.toBeUndefined();

    expect(listing(publishDir)).toEqual(['order-intake']);
    expect(inspect(repoDir, 'rev-list', '--count', '--all')).toBe('1');
    expect(inspect(repoDir, 'rev-parse', 'HEAD')).toBe(head);
    expect(retry.outputs.repositoryPath).toBe(repoDir);
    expect(retry.logger.info).toHaveBeenCalledWith(
      `Repository ${repoDir} was already published by this task`,
    );
    expect(events.publish).toHaveBeenCalledTimes(2);
  });

  it('refuses a repository name another task already published, leaving it untouched', async () => {
    await action.handler(await context({ repoName: 'order-intake' }));
    const repoDir = path.join(publishDir, 'order-intake');
    const head = inspect(repoDir, 'rev-parse', 'HEAD');
    events.publish.mockClear();

    const other = await context(
      { repoName: 'order-intake' },
      { taskId: 'another-task' },
    );
    await fs.outputFile(path.join(other.workspacePath, 'other.txt'), 'other\n');
    const error = await action.handler(other).catch(e => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('repoName');
    expect(error.message).toContain('"order-intake"');
    expect(listing(publishDir)).toEqual(['order-intake']);
    expect(inspect(repoDir, 'rev-parse', 'HEAD')).toBe(head);
    expect(inspect(repoDir, 'rev-list', '--count', '--all')).toBe('1');
    expect(fs.existsSync(path.join(repoDir, 'other.txt'))).toBe(false);
    expect(inspect(repoDir, 'status', '--porcelain')).toBe('');
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('refuses a name taken by a folder that is not a repository', async () => {
    await fs.outputFile(
      path.join(publishDir, 'order-intake/notes.txt'),
      'mine\n',
    );

    await expect(
      action.handler(await context({ repoName: 'order-intake' })),
    ).rejects.toThrow(ConflictError);
    expect(listing(path.join(publishDir, 'order-intake'))).toEqual([
      'notes.txt',
    ]);
  });

  it('creates nothing in a dry run, but still outputs where it would publish', async () => {
    const ctx = await context({ repoName: 'order-intake' }, { isDryRun: true });
    await action.handler(ctx);

    expect(fs.existsSync(publishDir)).toBe(false);
    expect(ctx.outputs.repositoryPath).toBe(
      path.join(publishDir, 'order-intake'),
    );
    expect(mockGit).not.toHaveBeenCalled();
    expect(events.publish).not.toHaveBeenCalled();
  });

  it.each([
    ['../x', 'repoName'],
    ['/tmp/x', 'repoName'],
    ['Order-Intake', 'repoName'],
    ['', 'repoName'],
  ])(
    'rejects repoName %j before creating anything',
    async (repoName, field) => {
      const error = await action
        .handler(await context({ repoName }))
        .catch(e => e);

      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(field);
      expect(fs.existsSync(publishDir)).toBe(false);
      expect(fs.existsSync(path.resolve(publishDir, '../x'))).toBe(false);
      expect(mockGit).not.toHaveBeenCalled();
    },
  );

  it.each(['../outside', '/etc', 'a/../../b'])(
    'rejects sourcePath %j before creating anything',
    async sourcePath => {
      const error = await action
        .handler(await context({ repoName: 'order-intake', sourcePath }))
        .catch(e => e);

      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain('sourcePath');
      expect(fs.existsSync(publishDir)).toBe(false);
    },
  );

  it('leaves nothing behind when the source folder does not exist', async () => {
    const ctx = await context({
      repoName: 'order-intake',
      sourcePath: 'missing',
    });
    await expect(action.handler(ctx)).rejects.toThrow(/ENOENT/);

    expect(listing(publishDir)).toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('leaves nothing behind when git fails mid-way', async () => {
    let duringCommit: string[] = [];
    mockGit.mockImplementation(async (cwd, args, env) => {
      if (args[0] === 'commit') {
        duringCommit = listing(publishDir);
        throw new Error('git commit failed: disk full');
      }
      return jest.requireActual('./gitCommand').git(cwd, args, env);
    });

    const ctx = await context({ repoName: 'order-intake' });
    await expect(action.handler(ctx)).rejects.toThrow(
      'git commit failed: disk full',
    );

    // The repository was being built aside, and is gone.
    expect(duringCommit).toEqual([`.order-intake.${TASK_ID}.tmp`]);

    expect(listing(publishDir)).toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();

    // And a retry of the task, once git works again, publishes normally.
    mockGit.mockImplementation(jest.requireActual('./gitCommand').git);
    await action.handler(await context({ repoName: 'order-intake' }));
    expect(
      inspect(
        path.join(publishDir, 'order-intake'),
        'rev-list',
        '--count',
        'HEAD',
      ),
    ).toBe('1');
    expect(listing(publishDir)).toEqual(['order-intake']);
  });

  it('leaves nothing behind when git itself rejects the input', async () => {
    // A branch name the schema allows but git refuses.
    const ctx = await context({
      repoName: 'order-intake',
      defaultBranch: 'a..b',
    });
    await expect(action.handler(ctx)).rejects.toThrow();

    expect(listing(publishDir)).toEqual([]);
  });

  it('explains how to configure it when no publishing folder is set', async () => {
    const unconfigured = createPublishLocalAction({ events });
    const error = await unconfigured
      .handler(await context({ repoName: 'order-intake' }))
      .catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'architecturePatterns.localPublishing.directory',
    );
    expect(mockGit).not.toHaveBeenCalled();
  });

  it('declares dry-run support and its inputs', () => {
    expect(action.id).toBe('publish:local');
    expect(action.supportsDryRun).toBe(true);
    const schema = action.schema?.input as any;
    expect(schema.required).toEqual(['repoName']);
    expect(schema.properties.defaultBranch.default).toBe('main');
    expect(schema.properties.sourcePath.default).toBe('.');
  });
});

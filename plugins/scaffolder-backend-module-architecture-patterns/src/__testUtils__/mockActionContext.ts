import fs from 'fs';
import path from 'path';
import {
  createMockDirectory,
  MockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/** The JSON types of @backstage/types, which this package does not depend on. */
type JsonPrimitive = number | string | boolean | null;
type JsonValue = JsonObject | JsonValue[] | JsonPrimitive;
type JsonObject = { [key in string]?: JsonValue };

/** The user that runs the template in tests, unless a test says otherwise. */
export const TEST_USER: NonNullable<ActionContext<JsonObject>['user']> = {
  ref: 'user:default/jane.doe',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'jane.doe', namespace: 'default' },
    spec: {
      profile: { displayName: 'Jane Doe', email: 'jane.doe@example.com' },
      memberOf: ['group:default/platform-team'],
    },
  },
};

export type MockActionContextOptions = {
  /**
   * The action input, exactly as the scaffolder would pass it: the scaffolder
   * validates input against the action's JSON schema but does not apply zod
   * defaults, so leave out what the template leaves out.
   */
  input?: JsonObject;
  /** Defaults to a fresh temporary directory, removed after the test file. */
  workspacePath?: string;
  /** Defaults to a fixed id, so two contexts act as a retry of the same task. */
  taskId?: string;
  isDryRun?: boolean;
  /** Defaults to {@link TEST_USER}; pass `null` for a task without a user. */
  user?: ActionContext<JsonObject>['user'] | null;
  credentials?: BackstageCredentials;
  /** Defaults to a template known by reference only. */
  templateInfo?: ActionContext<JsonObject>['templateInfo'];
};

/** What a test can inspect after running a handler. */
export type MockActionContext<
  TInput extends JsonObject,
  TOutput extends JsonObject,
> = ActionContext<TInput, TOutput> & {
  output: jest.Mock;
  getInitiatorCredentials: jest.Mock;
  logger: ReturnType<typeof mockServices.logger.mock>;
  /** Outputs by name, as the step output would hold them. */
  outputs: Record<string, unknown>;
  /** Keys of the checkpoints the handler ran, in order. */
  checkpoints: string[];
};

let root: MockDirectory | undefined;

/**
 * A new empty folder under one mock directory per test file, which
 * backend-test-utils removes after the file's tests.
 */
export function createTemporaryFolder(prefix = 'dir-'): string {
  root ??= createMockDirectory();
  return fs.mkdtempSync(path.join(root.path, prefix));
}

/**
 * Builds the context the scaffolder passes to an action handler, with a
 * real workspace folder, a mock logger and a checkpoint that simply runs
 * its function (what happens when no earlier attempt of the task succeeded).
 *
 * The input and output types are inferred where the context is passed
 * straight to a handler, e.g. `action.handler(createMockActionContext(...))`.
 */
export function createMockActionContext<
  // `any` by default, so a context kept in a variable fits any handler.
  TInput extends JsonObject = any,
  TOutput extends JsonObject = any,
>(options: MockActionContextOptions = {}): MockActionContext<TInput, TOutput> {
  const outputs: Record<string, unknown> = {};
  const checkpoints: string[] = [];
  const credentials = options.credentials ?? mockCredentials.user();
  const workspacePath =
    options.workspacePath ?? createTemporaryFolder('workspace-');

  return {
    input: (options.input ?? {}) as TInput,
    workspacePath,
    logger: mockServices.logger.mock(),
    secrets: {},
    task: { id: options.taskId ?? 'task-0001' },
    isDryRun: options.isDryRun ?? false,
    user: options.user === null ? undefined : options.user ?? TEST_USER,
    templateInfo: options.templateInfo ?? {
      entityRef: 'template:default/test-template',
    },
    step: { id: 'step', name: 'Step under test' },
    output: jest.fn((name: string | number | symbol, value: unknown) => {
      outputs[String(name)] = value;
    }),
    outputs,
    checkpoints,
    async checkpoint<T extends JsonValue | void>(opts: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> {
      checkpoints.push(opts.key);
      return await opts.fn();
    },
    async createTemporaryDirectory() {
      return createTemporaryFolder('tmp-');
    },
    getInitiatorCredentials: jest.fn(async () => credentials),
  };
}

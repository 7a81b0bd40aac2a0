import fs from 'fs-extra';
import path from 'path';
import { execFileSync } from 'child_process';
import { validate } from 'jsonschema';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createMockActionContext,
  createTemporaryFolder,
} from '../__testUtils__/mockActionContext';
import {
  CONSTRUCT_LIBRARY_DIR,
  createEventsServiceMock,
  createPatternCatalog,
  loadLibraryGuides,
  parseExampleStep,
} from '../__testUtils__/fixtures';
import { createWriteConformanceRulesAction } from './conformance/writeConformanceRules';
import { createCopyConstructsAction } from './constructs/copyConstructs';
import { createWriteDecisionRecordAction } from './decisionRecord/writeDecisionRecord';
import { createPublishLocalAction } from './publishLocal/publishLocal';
import { createValidateInputsAction } from './validate/validateInputs';

/**
 * Every example of every action, run the way the scaffolder runs a step:
 * the input is checked against the action's JSON schema (with the same
 * validator, which applies no defaults) and handed to the handler as is.
 */
function examplesOf(action: TemplateAction<any, any, any>) {
  expect(action.examples?.length).toBeGreaterThan(0);
  return action.examples!.map(example => {
    const step = parseExampleStep(example.example);
    expect(step.action).toBe(action.id);
    return [example.description, step.input] as const;
  });
}

function expectValidInput(
  action: TemplateAction<any, any, any>,
  input: unknown,
) {
  const result = validate(input, action.schema!.input!);
  expect(result.errors.map(String)).toEqual([]);
}

describe('action examples', () => {
  describe('architecture:inputs:validate', () => {
    const action = createValidateInputsAction();

    it.each(examplesOf(action))('%s', async (_description, input) => {
      expectValidInput(action, input);
      const ctx = createMockActionContext({ input: input as any });
      await expect(action.handler(ctx)).resolves.toBeUndefined();
      expect(ctx.logger.info).toHaveBeenCalledWith('Template input is valid');
    });
  });

  describe('architecture:constructs:copy', () => {
    const action = createCopyConstructsAction({
      library: { directory: CONSTRUCT_LIBRARY_DIR },
    });

    it.each(examplesOf(action))('%s', async (_description, input) => {
      expectValidInput(action, input);
      const ctx = createMockActionContext({ input: input as any });
      await action.handler(ctx);

      const { version } = await fs.readJson(
        path.join(CONSTRUCT_LIBRARY_DIR, 'package.json'),
      );
      expect(ctx.outputs).toEqual({ version });
      const constructsDir = path.join(ctx.workspacePath, 'lib/constructs');
      for (const name of [
        'common',
        'test-utils',
        ...(input.constructs as string[]),
      ]) {
        expect(fs.statSync(path.join(constructsDir, name)).isDirectory()).toBe(
          true,
        );
      }
      expect(
        (await fs.readJson(path.join(ctx.workspacePath, 'package.json'))).name,
      ).toBe(input.packageName);
    });
  });

  describe('architecture:decision-record:write', () => {
    const catalog = createPatternCatalog(loadLibraryGuides());
    const action = createWriteDecisionRecordAction({
      catalog,
      appBaseUrl: 'http://localhost:3000',
      patternsPath: '/patterns',
    });

    it.each(examplesOf(action))('%s', async (_description, input) => {
      expectValidInput(action, input);
      const ctx = createMockActionContext({ input: input as any });
      await action.handler(ctx);

      const file = `docs/adr/0001-use-${input.pattern}.md`;
      expect(ctx.outputs).toEqual({
        path: file,
        patternUrl: `http://localhost:3000/patterns/${input.pattern}`,
        patternPath: `/patterns/${input.pattern}`,
      });
      const markdown = await fs.readFile(
        path.join(ctx.workspacePath, file),
        'utf8',
      );
      expect(markdown).toMatch(
        /^---\nstatus: accepted\ndate: \d{4}-\d{2}-\d{2}\ndecision-makers: "Jane Doe \(user:default\/jane\.doe\)"\n---\n/,
      );
      expect(markdown).toContain(`for ${input.serviceName}\n`);
      expect(markdown).toContain(`${input.context}\n`);
      expect(markdown).toContain(
        `", because ${String(input.because).replace(/\.$/, '')}.`,
      );
    });
  });

  describe('architecture:conformance:write', () => {
    const action = createWriteConformanceRulesAction({
      catalog: createPatternCatalog(),
    });

    it.each(examplesOf(action))('%s', async (_description, input) => {
      expectValidInput(action, input);
      const ctx = createMockActionContext({ input: input as any });
      await action.handler(ctx);

      const manifest = await fs.readJson(
        path.join(ctx.workspacePath, 'conformance/rules.json'),
      );
      expect(manifest).toMatchObject({
        pattern: input.pattern,
        patternRef: `architecturepattern:default/${input.pattern}`,
        entityRef: input.entityRef,
      });
      expect(ctx.outputs.rules).toEqual(
        manifest.rules.map((rule: { id: string }) => rule.id),
      );
      const guard = await fs.readFile(
        path.join(ctx.workspacePath, `conformance/${input.pattern}.guard`),
        'utf8',
      );
      for (const id of ctx.outputs.rules as string[]) {
        expect(guard).toMatch(new RegExp(`^rule ${id}\\b`, 'm'));
      }
    });
  });

  describe('publish:local', () => {
    it.each(examplesOf(createPublishLocalAction({})))(
      '%s',
      async (_description, input) => {
        const publishDir = createTemporaryFolder('published-');
        const events = createEventsServiceMock();
        const action = createPublishLocalAction({
          directory: publishDir,
          events,
        });
        expectValidInput(action, input);

        const ctx = createMockActionContext({ input: input as any });
        await fs.outputFile(
          path.join(ctx.workspacePath, 'README.md'),
          '# Hello\n',
        );
        await action.handler(ctx);

        const repoDir = path.join(publishDir, input.repoName as string);
        expect(ctx.outputs).toEqual({
          remoteUrl: `file://${repoDir}`,
          repoContentsUrl: `file://${repoDir}`,
          repositoryPath: repoDir,
        });
        expect(
          execFileSync('git', ['ls-files'], { cwd: repoDir, encoding: 'utf8' }),
        ).toBe('README.md\n');
        expect(events.publish).toHaveBeenCalledTimes(1);
      },
    );
  });

  describe('the JSON schema the scaffolder checks input against', () => {
    const actions = {
      validate: createValidateInputsAction(),
      copy: createCopyConstructsAction({}),
      adr: createWriteDecisionRecordAction({
        catalog: createPatternCatalog(),
        appBaseUrl: 'http://localhost:3000',
        patternsPath: '/patterns',
      }),
      publish: createPublishLocalAction({}),
    };
    const adr = {
      pattern: 'event-driven-basic',
      serviceName: 'order-intake',
      context: 'c',
      because: 'b',
    };

    it.each([
      ['validate', {}, 'values'],
      ['validate', { values: {}, distinct: [['only-one']] }, 'distinct[0]'],
      ['validate', { values: {}, ranges: { n: { min: 1 } } }, 'max'],
      ['copy', { constructs: ['event-driven-service'] }, 'packageName'],
      [
        'copy',
        { packageName: 'Order_Intake', constructs: ['x'] },
        'packageName',
      ],
      ['copy', { packageName: 'order-intake', constructs: [] }, 'constructs'],
      [
        'copy',
        { packageName: 'order-intake', constructs: ['../x'] },
        'constructs[0]',
      ],
      [
        'copy',
        { packageName: 'order-intake', constructs: ['x'], extra: 1 },
        'extra',
      ],
      ['adr', { ...adr, pattern: '../x' }, 'pattern'],
      ['adr', { ...adr, because: '' }, 'because'],
      ['adr', { ...adr, alternatives: 'saga' }, 'alternatives'],
      ['publish', {}, 'repoName'],
      [
        'publish',
        { repoName: 'x', defaultBranch: 'main branch' },
        'defaultBranch',
      ],
      ['publish', { repoName: 'x', commitMessage: '' }, 'commitMessage'],
    ] as const)('%s rejects %j', (name, input, field) => {
      const result = validate(input, actions[name].schema!.input!);
      expect(result.valid).toBe(false);
      expect(result.errors.map(String).join(', ')).toContain(field);
    });
  });
});

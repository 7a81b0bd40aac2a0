import fs from 'fs-extra';
import path from 'path';
import { builtinModules } from 'module';
import { InputError } from '@backstage/errors';
import {
  createMockActionContext,
  createTemporaryFolder,
} from '../../__testUtils__/mockActionContext';
import { CONSTRUCT_LIBRARY_DIR } from '../../__testUtils__/fixtures';
import { createCopyConstructsAction } from './copyConstructs';

const library = fs.readJsonSync(
  path.join(CONSTRUCT_LIBRARY_DIR, 'package.json'),
);
const libraryLock = fs.readJsonSync(
  path.join(CONSTRUCT_LIBRARY_DIR, 'package-lock.json'),
);
const LIBRARY_SRC = path.join(CONSTRUCT_LIBRARY_DIR, 'src');
const CONSTRUCTS = fs
  .readdirSync(LIBRARY_SRC)
  .filter(name => fs.statSync(path.join(LIBRARY_SRC, name)).isDirectory())
  .filter(name => !['common', 'test-utils'].includes(name))
  .sort();

/** Files under a folder, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter(file => fs.statSync(path.join(dir, file)).isFile())
    .map(file => file.split(path.sep).join('/'))
    .sort();
}

/** What the action should copy of one library folder. */
function expectedFiles(folder: string, includeTests: boolean): string[] {
  return filesUnder(path.join(LIBRARY_SRC, folder))
    .filter(file => includeTests || file !== `${folder}.test.ts`)
    .map(file => `${folder}/${file}`);
}

describe('architecture:constructs:copy', () => {
  const action = createCopyConstructsAction({
    library: { directory: CONSTRUCT_LIBRARY_DIR },
  });

  /** Runs the action with the input as the template passes it. */
  async function copy(input: Record<string, unknown>) {
    const ctx = createMockActionContext({
      input: { packageName: 'order-intake', ...input } as any,
    });
    await action.handler(ctx);
    return ctx;
  }

  it('knows the constructs of the library', () => {
    expect(CONSTRUCTS).toEqual(
      expect.arrayContaining(['event-driven-service', 'three-tier-web-app']),
    );
  });

  it('copies common, test-utils and the chosen construct, without the construct test', async () => {
    const ctx = await copy({ constructs: ['event-driven-service'] });
    const target = path.join(ctx.workspacePath, 'lib/constructs');

    expect(filesUnder(target)).toEqual(
      [
        'VERSION',
        ...expectedFiles('common', false),
        ...expectedFiles('test-utils', false),
        ...expectedFiles('event-driven-service', false),
      ].sort(),
    );
    // Handler tests come along; the slow construct (synth) test does not.
    expect(filesUnder(target)).toContain(
      'event-driven-service/processor-handler.test.ts',
    );
    expect(filesUnder(target)).toContain(
      'event-driven-service/lambda/processor/index.js',
    );
    expect(filesUnder(target)).not.toContain(
      'event-driven-service/event-driven-service.test.ts',
    );
    // Only what was asked for.
    expect(fs.readdirSync(target).sort()).toEqual([
      'VERSION',
      'common',
      'event-driven-service',
      'test-utils',
    ]);
    // Byte for byte.
    expect(
      await fs.readFile(
        path.join(target, 'event-driven-service/event-driven-service.ts'),
        'utf8',
      ),
    ).toBe(
      await fs.readFile(
        path.join(LIBRARY_SRC, 'event-driven-service/event-driven-service.ts'),
        'utf8',
      ),
    );
  });

  it('copies the construct test too with includeTests', async () => {
    const ctx = await copy({
      constructs: ['event-driven-service'],
      includeTests: true,
    });
    const target = path.join(ctx.workspacePath, 'lib/constructs');

    expect(filesUnder(path.join(target, 'event-driven-service'))).toEqual(
      filesUnder(path.join(LIBRARY_SRC, 'event-driven-service')),
    );
  });

  it('copies several constructs into a custom folder', async () => {
    const ctx = await copy({
      constructs: ['three-tier-web-app', 'multi-tenant-saas'],
      targetPath: 'infra/patterns',
    });
    expect(
      fs.readdirSync(path.join(ctx.workspacePath, 'infra/patterns')).sort(),
    ).toEqual([
      'VERSION',
      'common',
      'multi-tenant-saas',
      'test-utils',
      'three-tier-web-app',
    ]);
    expect(fs.existsSync(path.join(ctx.workspacePath, 'lib/constructs'))).toBe(
      false,
    );
  });

  it('writes VERSION and outputs the library version', async () => {
    const ctx = await copy({ constructs: ['event-driven-service'] });

    expect(
      await fs.readFile(
        path.join(ctx.workspacePath, 'lib/constructs/VERSION'),
        'utf8',
      ),
    ).toBe(`cdk-pattern-constructs ${library.version}\n`);
    expect(ctx.output).toHaveBeenCalledTimes(1);
    expect(ctx.outputs).toEqual({ version: library.version });
  });

  it('writes package.json named after the project, with the library dependencies', async () => {
    const ctx = await copy({ constructs: ['event-driven-service'] });
    const pkg = await fs.readJson(path.join(ctx.workspacePath, 'package.json'));

    expect(pkg).toEqual({
      name: 'order-intake',
      version: '0.1.0',
      private: true,
      scripts: {
        build: 'tsc --noEmit',
        // cdk.json synthesises transpile-only; the tests type-check first.
        test: `tsc --noEmit && ${library.scripts.test}`,
        synth: 'cdk synth',
      },
      engines: library.engines,
      dependencies: library.dependencies,
      devDependencies: library.devDependencies,
    });
  });

  it('writes package-lock.json matching package.json, with the library lock dependencies', async () => {
    const ctx = await copy({ constructs: ['event-driven-service'] });
    const pkg = await fs.readJson(path.join(ctx.workspacePath, 'package.json'));
    const lock = await fs.readJson(
      path.join(ctx.workspacePath, 'package-lock.json'),
    );

    // npm ci refuses a lock whose root does not match package.json.
    expect(lock.name).toBe(pkg.name);
    expect(lock.version).toBe(pkg.version);
    expect(lock.packages[''].name).toBe(pkg.name);
    expect(lock.packages[''].version).toBe(pkg.version);
    expect(lock.packages[''].dependencies).toEqual(pkg.dependencies);
    expect(lock.packages[''].devDependencies).toEqual(pkg.devDependencies);
    expect(lock.packages[''].license).toBeUndefined();

    // Exactly what the library was tested with.
    expect(lock.lockfileVersion).toBe(libraryLock.lockfileVersion);
    expect(lock.packages[''].dependencies).toEqual(
      libraryLock.packages[''].dependencies,
    );
    expect(lock.packages[''].devDependencies).toEqual(
      libraryLock.packages[''].devDependencies,
    );
    const { '': _root, ...installed } = lock.packages;
    const { '': _libraryRoot, ...libraryInstalled } = libraryLock.packages;
    expect(installed).toEqual(libraryInstalled);
  });

  it('writes the TypeScript, Jest and CDK configuration for bin, lib and test', async () => {
    const ctx = await copy({ constructs: ['event-driven-service'] });
    const read = (file: string) =>
      fs.readFile(path.join(ctx.workspacePath, file), 'utf8');

    const tsconfig = JSON.parse(await read('tsconfig.json'));
    expect(tsconfig.include).toEqual([
      'bin/**/*.ts',
      'lib/**/*.ts',
      'test/**/*.ts',
    ]);
    expect(tsconfig.compilerOptions).toEqual(
      (await fs.readJson(path.join(CONSTRUCT_LIBRARY_DIR, 'tsconfig.json')))
        .compilerOptions,
    );

    const jestConfig = await read('jest.config.js');
    expect(jestConfig).toContain("roots: ['<rootDir>/lib', '<rootDir>/test']");
    expect(jestConfig).not.toContain('<rootDir>/src');
    const jestModule = { exports: {} as any };
    // eslint-disable-next-line no-new-func
    new Function('module', jestConfig)(jestModule);
    expect(jestModule.exports.roots).toEqual([
      '<rootDir>/lib',
      '<rootDir>/test',
    ]);

    expect(JSON.parse(await read('cdk.json'))).toEqual(
      await fs.readJson(path.join(CONSTRUCT_LIBRARY_DIR, 'cdk.json')),
    );

    const gitignore = await read('.gitignore');
    expect(gitignore).toContain('node_modules/');
    expect(gitignore).toContain('cdk.out/');
    expect(gitignore).not.toMatch(/\bsrc\//);
  });

  describe.each(CONSTRUCTS)('the copy of %s', construct => {
    let workspace: string;
    let pkg: any;

    beforeAll(async () => {
      workspace = createTemporaryFolder('self-contained-');
      const ctx = createMockActionContext({
        workspacePath: workspace,
        input: {
          packageName: 'order-intake',
          constructs: [construct],
          includeTests: true,
        },
      });
      await action.handler(ctx);
      pkg = await fs.readJson(path.join(workspace, 'package.json'));
    });

    const sourceFiles = () =>
      filesUnder(path.join(workspace, 'lib/constructs')).filter(file =>
        /\.(ts|js)$/.test(file),
      );
    const importsOf = (file: string) => {
      const text = fs.readFileSync(
        path.join(workspace, 'lib/constructs', file),
        'utf8',
      );
      return [
        ...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g),
      ].map(match => match[1]);
    };

    it('resolves every relative import inside the copy', () => {
      for (const file of sourceFiles()) {
        for (const spec of importsOf(file).filter(s => s.startsWith('.'))) {
          const resolved = path.resolve(
            path.join(workspace, 'lib/constructs', path.dirname(file)),
            spec,
          );
          const candidates = [
            resolved,
            `${resolved}.ts`,
            `${resolved}.js`,
            path.join(resolved, 'index.ts'),
          ];
          expect({
            file,
            spec,
            found: candidates.some(c => fs.existsSync(c)),
          }).toEqual({
            file,
            spec,
            found: true,
          });
        }
      }
    });

    it('declares every package it imports in package.json', () => {
      const declared = new Set([
        ...Object.keys(pkg.dependencies),
        ...Object.keys(pkg.devDependencies),
      ]);
      for (const file of sourceFiles()) {
        for (const spec of importsOf(file).filter(s => !s.startsWith('.'))) {
          const name = spec.startsWith('@')
            ? spec.split('/').slice(0, 2).join('/')
            : spec.split('/')[0];
          const builtin =
            spec.startsWith('node:') || builtinModules.includes(name);
          // The Lambda runtime provides the AWS SDK to handler code.
          const lambdaRuntime =
            name.startsWith('@aws-sdk/') && file.includes('/lambda/');
          expect({
            file,
            spec,
            declared: builtin || lambdaRuntime || declared.has(name),
          }).toEqual({ file, spec, declared: true });
        }
      }
    });
  });

  it('fails on an unknown construct, naming it, before copying anything', async () => {
    const ctx = createMockActionContext({
      input: {
        packageName: 'order-intake',
        constructs: ['event-driven-service', 'space-elevator'],
      },
    });
    const error = await action.handler(ctx).catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('constructs');
    expect(error.message).toContain('"space-elevator"');
    expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it.each([
    '../outside',
    '/etc/constructs',
    'lib/../../outside',
    '~/constructs',
    'lib\\constructs',
  ])('refuses targetPath %j', async targetPath => {
    const ctx = createMockActionContext({
      input: {
        packageName: 'order-intake',
        constructs: ['event-driven-service'],
        targetPath,
      },
    });
    const error = await action.handler(ctx).catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('targetPath');
    expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
    expect(fs.existsSync(path.resolve(ctx.workspacePath, '../outside'))).toBe(
      false,
    );
  });

  it('explains how to configure it when no library is set', async () => {
    const unconfigured = createCopyConstructsAction({});
    const ctx = createMockActionContext({
      input: {
        packageName: 'order-intake',
        constructs: ['event-driven-service'],
      },
    });
    const error = await unconfigured.handler(ctx).catch(e => e);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'architecturePatterns.constructLibrary.directory',
    );
    expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
  });

  describe('with a library of its own', () => {
    /** A small construct library with build output lying around. */
    function fakeLibrary(
      jestConfig = "module.exports = { roots: ['<rootDir>/src'] };\n",
    ) {
      const dir = createTemporaryFolder('library-');
      const files: Record<string, string> = {
        'package.json': JSON.stringify({
          name: 'cdk-pattern-constructs',
          version: '9.8.7',
          license: 'Apache-2.0',
          scripts: { test: 'jest' },
          dependencies: { 'aws-cdk-lib': '^2.0.0' },
          devDependencies: { jest: '^30.0.0' },
        }),
        'package-lock.json': JSON.stringify({
          name: 'cdk-pattern-constructs',
          version: '9.8.7',
          lockfileVersion: 3,
          packages: {
            '': {
              name: 'cdk-pattern-constructs',
              version: '9.8.7',
              license: 'Apache-2.0',
            },
          },
        }),
        'tsconfig.json': '{"compilerOptions":{},"include":["src/**/*.ts"]}',
        'jest.config.js': jestConfig,
        'cdk.json': '{"app":"npx ts-node bin/app.ts"}',
        '.gitignore': 'node_modules/\nsrc/**/*.d.ts\n',
        'src/common/a.ts': 'export {};\n',
        'src/common/node_modules/x/index.js': '',
        'src/test-utils/b.ts': 'export {};\n',
        'src/widget/widget.ts': 'export {};\n',
        'src/widget/widget.test.ts': 'test\n',
        'src/widget/handler.test.ts': 'test\n',
        'src/widget/cdk.out/manifest.json': '{}',
        'src/widget/dist/widget.js': '',
      };
      for (const [file, content] of Object.entries(files)) {
        fs.outputFileSync(path.join(dir, file), content);
      }
      return dir;
    }

    it('skips node_modules, cdk.out and dist', async () => {
      const own = createCopyConstructsAction({
        library: { directory: fakeLibrary() },
      });
      const ctx = createMockActionContext({
        input: { packageName: 'widget-service', constructs: ['widget'] },
      });
      await own.handler(ctx);

      expect(
        filesUnder(path.join(ctx.workspacePath, 'lib/constructs')),
      ).toEqual([
        'VERSION',
        'common/a.ts',
        'test-utils/b.ts',
        'widget/handler.test.ts',
        'widget/widget.ts',
      ]);
      expect(ctx.outputs).toEqual({ version: '9.8.7' });
      expect(
        await fs.readFile(path.join(ctx.workspacePath, '.gitignore'), 'utf8'),
      ).toBe('node_modules/\nlib/**/*.d.ts\n');
    });

    it('reads the lock file and .gitignore from project/ in a package from the registry', async () => {
      // npm packs neither file; the library's prepack copies them to project/.
      const dir = fakeLibrary();
      fs.moveSync(
        path.join(dir, 'package-lock.json'),
        path.join(dir, 'project/package-lock.json'),
      );
      fs.moveSync(
        path.join(dir, '.gitignore'),
        path.join(dir, 'project/gitignore'),
      );
      const own = createCopyConstructsAction({ library: { directory: dir } });
      const ctx = createMockActionContext({
        input: { packageName: 'widget-service', constructs: ['widget'] },
      });
      await own.handler(ctx);

      const lock = await fs.readJson(
        path.join(ctx.workspacePath, 'package-lock.json'),
      );
      expect(lock.name).toBe('widget-service');
      expect(
        await fs.readFile(path.join(ctx.workspacePath, '.gitignore'), 'utf8'),
      ).toBe('node_modules/\nlib/**/*.d.ts\n');
    });

    it('fails loudly when the library Jest configuration changed shape', async () => {
      const own = createCopyConstructsAction({
        library: {
          directory: fakeLibrary("module.exports = { roots: ['src'] };\n"),
        },
      });
      const ctx = createMockActionContext({
        input: { packageName: 'widget-service', constructs: ['widget'] },
      });
      await expect(own.handler(ctx)).rejects.toThrow(/jest\.config\.js/);
    });
  });

  it('declares its inputs', () => {
    const schema = action.schema?.input as any;
    expect(action.supportsDryRun).toBe(true);
    expect(schema.required).toEqual(['packageName', 'constructs']);
    expect(schema.properties.targetPath.default).toBe('lib/constructs');
    expect(schema.properties.includeTests.default).toBe(false);
    expect(
      new RegExp(schema.properties.packageName.pattern).test('Order_Intake'),
    ).toBe(false);
    expect(
      new RegExp(schema.properties.constructs.items.pattern).test('../x'),
    ).toBe(false);
  });
});

import fs from 'fs-extra';
import path from 'path';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkRelativePath } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { localTemplateFolder } from '../templateFolder';
import { examples } from './copyConstructs.examples';
import { writeProjectFiles } from './projectFiles';

/** Where the construct library lives, and its version. */
export type ConstructLibrary = {
  directory: string;
};

const SKIPPED = new Set(['node_modules', 'cdk.out', 'dist']);
/** Input defaults; the handler applies them itself, see below. */
const DEFAULTS = { targetPath: 'lib/constructs', includeTests: false };
/** Copied with every construct: shared building blocks and test helpers. */
const ALWAYS = ['common', 'test-utils'];

/**
 * The construct library a released template version carries (`library/` next
 * to its template.yaml), so rendering that version again copies the source it
 * was released with rather than today's.
 */
async function bundledLibrary(
  templateBaseUrl: string | undefined,
): Promise<ConstructLibrary | undefined> {
  const templateFolder = localTemplateFolder(templateBaseUrl);
  if (!templateFolder) return undefined;
  const directory = path.join(templateFolder, 'library');
  return (await fs.pathExists(path.join(directory, 'package.json')))
    ? { directory }
    : undefined;
}

/**
 * `architecture:constructs:copy`: copies the versioned source of the CDK
 * pattern constructs into the workspace, so the generated repository builds
 * and tests on its own with public packages only.
 */
export function createCopyConstructsAction(options: {
  library?: ConstructLibrary;
}) {
  return createTemplateAction({
    id: 'architecture:constructs:copy',
    description:
      'Copies the CDK pattern construct library source into the workspace, writes the project files (package.json and lock, TypeScript, Jest and CDK configuration) and outputs the library version.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        packageName: z =>
          z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
            .describe(
              'npm package name of the generated project; writes package.json, package-lock.json and the TypeScript, Jest and CDK configuration.',
            ),
        constructs: z =>
          z
            .array(z.string().regex(/^[a-z0-9-]+$/))
            .min(1)
            .describe(
              'Construct folders to copy, e.g. event-driven-service. "common" and "test-utils" are always copied.',
            ),
        targetPath: z =>
          z
            .string()
            .default(DEFAULTS.targetPath)
            .describe('Where to put them, relative to the workspace.'),
        includeTests: z =>
          z
            .boolean()
            .default(DEFAULTS.includeTests)
            .describe(
              'Whether to copy the construct tests too (handler tests are always copied).',
            ),
      },
      output: {
        version: z =>
          z.string().describe('Version of the construct library copied.'),
      },
    },
    async handler(ctx) {
      const library =
        (await bundledLibrary(ctx.templateInfo?.baseUrl)) ?? options.library;
      if (!library) {
        throw new InputError(
          'No construct library is configured: add @platform-architecture/cdk-pattern-constructs to the backend, or set architecturePatterns.constructLibrary.directory',
        );
      }
      // The scaffolder checks input against the JSON schema but does not
      // apply the schema defaults: absent fields arrive as undefined.
      const {
        targetPath = DEFAULTS.targetPath,
        includeTests = DEFAULTS.includeTests,
      } = ctx.input;
      const problems = checkRelativePath(targetPath, 'targetPath');
      if (problems.length) throw new InputError(problems.join('; '));

      const libraryDir = path.resolve(library.directory);
      const sourceDir = path.join(libraryDir, 'src');
      const { version } = await fs.readJson(
        path.join(libraryDir, 'package.json'),
      );
      const wanted = new Set([...ALWAYS, ...ctx.input.constructs]);
      for (const name of wanted) {
        if (!(await fs.pathExists(path.join(sourceDir, name)))) {
          throw new InputError(`constructs: unknown construct "${name}"`);
        }
      }

      const target = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const isConstructTest = (file: string) => {
        const base = path.basename(file);
        const folder = path.basename(path.dirname(file));
        return base === `${folder}.test.ts`;
      };
      for (const name of wanted) {
        await fs.copy(path.join(sourceDir, name), path.join(target, name), {
          filter: src =>
            !SKIPPED.has(path.basename(src)) &&
            (includeTests || !isConstructTest(src)),
        });
      }
      await writeProjectFiles({
        libraryDir,
        targetDir: ctx.workspacePath,
        packageName: ctx.input.packageName,
      });
      await fs.writeFile(
        path.join(target, 'VERSION'),
        `cdk-pattern-constructs ${version}\n`,
      );
      ctx.logger.info(
        `Copied ${[...wanted].join(', ')} from construct library ${version}`,
      );
      ctx.output('version', version);
    },
  });
}

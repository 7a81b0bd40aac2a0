import fs from 'fs-extra';
import path from 'path';

/**
 * The files that make a generated repository a standalone CDK project,
 * derived from the construct library's own so that versions live in one
 * place: package.json and package-lock.json with the same dependencies (so
 * `npm ci` installs exactly what the library was tested with), and the
 * TypeScript, Jest and CDK configuration, pointed at bin/, lib/ and test/.
 */
export async function writeProjectFiles(options: {
  libraryDir: string;
  targetDir: string;
  packageName: string;
}) {
  const { libraryDir, targetDir, packageName } = options;
  // A checkout has the lock file and .gitignore at its root; a package from
  // the registry (npm packs neither) has them in project/.
  const packed: Record<string, string> = {
    'package-lock.json': 'project/package-lock.json',
    '.gitignore': 'project/gitignore',
  };
  const read = async (file: string) => {
    const own = path.join(libraryDir, file);
    const found =
      packed[file] && !(await fs.pathExists(own))
        ? path.join(libraryDir, packed[file])
        : own;
    return fs.readFile(found, 'utf8');
  };
  const write = (file: string, content: string) =>
    fs.outputFile(path.join(targetDir, file), content);

  const library = JSON.parse(await read('package.json'));
  const pkg = {
    name: packageName,
    version: '0.1.0',
    private: true,
    scripts: {
      build: 'tsc --noEmit',
      // cdk.json synthesises with ts-node --transpile-only (fast); type-checking is here.
      test: `tsc --noEmit && ${library.scripts.test}`,
      synth: 'cdk synth',
    },
    engines: library.engines,
    dependencies: library.dependencies,
    devDependencies: library.devDependencies,
  };
  await write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);

  const lock = JSON.parse(await read('package-lock.json'));
  lock.name = packageName;
  lock.version = pkg.version;
  lock.packages[''] = {
    ...lock.packages[''],
    name: packageName,
    version: pkg.version,
  };
  delete lock.packages[''].license;
  await write('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);

  const tsconfig = JSON.parse(await read('tsconfig.json'));
  tsconfig.include = ['bin/**/*.ts', 'lib/**/*.ts', 'test/**/*.ts'];
  await write('tsconfig.json', `${JSON.stringify(tsconfig, null, 2)}\n`);

  const jestConfig = (await read('jest.config.js')).replace(
    "roots: ['<rootDir>/src']",
    "roots: ['<rootDir>/lib', '<rootDir>/test']",
  );
  if (!jestConfig.includes("'<rootDir>/test'")) {
    throw new Error(
      "The construct library jest.config.js no longer has roots: ['<rootDir>/src']",
    );
  }
  await write('jest.config.js', jestConfig);
  await write('cdk.json', await read('cdk.json'));
  await write(
    '.gitignore',
    (await read('.gitignore')).replace(/\bsrc\//g, 'lib/'),
  );
}

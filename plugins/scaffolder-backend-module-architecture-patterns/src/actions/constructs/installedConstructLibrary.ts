import fs from 'fs';
import path from 'path';

/** The npm package of the CDK pattern constructs. */
export const CONSTRUCT_LIBRARY_PACKAGE =
  '@platform-architecture/cdk-pattern-constructs';

const OWN_PACKAGE =
  '@platform-architecture/backstage-plugin-scaffolder-backend-module-architecture-patterns';

/**
 * The construct library to copy when the config names none: the package
 * `@platform-architecture/cdk-pattern-constructs` if the backend has it
 * installed, else the copy of the library's source that this package ships
 * (`construct-library/`, the release it was built with), else undefined.
 */
export function installedConstructLibrary(
  resolve: (request: string) => string = require.resolve,
  bundled: string = path.join(
    path.dirname(resolve(`${OWN_PACKAGE}/package.json`)),
    'construct-library',
  ),
): string | undefined {
  try {
    return path.dirname(resolve(`${CONSTRUCT_LIBRARY_PACKAGE}/package.json`));
  } catch {
    return fs.existsSync(path.join(bundled, 'package.json'))
      ? bundled
      : undefined;
  }
}

import path from 'path';

/** The npm package of the CDK pattern constructs. */
export const CONSTRUCT_LIBRARY_PACKAGE =
  '@platform-architecture/cdk-pattern-constructs';

/**
 * The folder of the construct library package when the backend has it
 * installed (`yarn --cwd packages/backend add
 * @platform-architecture/cdk-pattern-constructs`), or undefined.
 */
export function installedConstructLibrary(
  resolve: (request: string) => string = require.resolve,
): string | undefined {
  try {
    return path.dirname(resolve(`${CONSTRUCT_LIBRARY_PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
}

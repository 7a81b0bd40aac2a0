import path from 'path';
import {
  CONSTRUCT_LIBRARY_PACKAGE,
  installedConstructLibrary,
} from './installedConstructLibrary';

describe('installedConstructLibrary', () => {
  it('is the folder of the installed package', () => {
    const resolve = jest.fn(
      (request: string) => `/app/node_modules/${request}`,
    );
    expect(installedConstructLibrary(resolve)).toBe(
      path.join('/app/node_modules', CONSTRUCT_LIBRARY_PACKAGE),
    );
    expect(resolve).toHaveBeenCalledWith(
      `${CONSTRUCT_LIBRARY_PACKAGE}/package.json`,
    );
  });

  it('is undefined when the package is not installed', () => {
    const resolve = () => {
      throw Object.assign(new Error('Cannot find module'), {
        code: 'MODULE_NOT_FOUND',
      });
    };
    expect(installedConstructLibrary(resolve)).toBeUndefined();
  });
});

import fs from 'fs';
import os from 'os';
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

  const notInstalled = () => {
    throw Object.assign(new Error('Cannot find module'), {
      code: 'MODULE_NOT_FOUND',
    });
  };

  it('is the copy this package ships when the package is not installed', () => {
    const bundled = fs.mkdtempSync(path.join(os.tmpdir(), 'constructs-'));
    try {
      fs.writeFileSync(path.join(bundled, 'package.json'), '{}');
      expect(installedConstructLibrary(notInstalled, bundled)).toBe(bundled);
    } finally {
      fs.rmSync(bundled, { recursive: true, force: true });
    }
  });

  it('is undefined without the package or a shipped copy (a checkout)', () => {
    expect(
      installedConstructLibrary(notInstalled, '/nonexistent/construct-library'),
    ).toBeUndefined();
  });
});

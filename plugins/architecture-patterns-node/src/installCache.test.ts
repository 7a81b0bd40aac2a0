import { firstLine, installKey } from './installCache';

const lock = (name: string, version: string, lodash = '4.17.21') =>
  JSON.stringify({
    name,
    version,
    lockfileVersion: 3,
    packages: {
      '': { name, version, dependencies: { lodash: `^${lodash}` } },
      'node_modules/lodash': { version: lodash },
    },
  });

describe('installKey', () => {
  it('is the same for locks that differ only in the root package name and version', () => {
    expect(installKey(lock('orders', '0.1.0'))).toBe(
      installKey(lock('payments', '2.0.0')),
    );
  });

  it('differs when an installed package differs', () => {
    expect(installKey(lock('orders', '0.1.0'))).not.toBe(
      installKey(lock('orders', '0.1.0', '4.17.20')),
    );
  });
});

describe('firstLine', () => {
  it('prefers an error line', () => {
    expect(firstLine('installing\nnpm ERR! code E404\nmore')).toBe(
      'npm ERR! code E404',
    );
  });

  it('says when there was no output', () => {
    expect(firstLine('\n \n')).toBe('no output');
  });
});

import fs from 'fs-extra';
import path from 'path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { LocalRepositoryEntityProvider } from './LocalRepositoryEntityProvider';

describe('LocalRepositoryEntityProvider', () => {
  const directory = createMockDirectory();

  beforeEach(() => directory.clear());

  const addRepository = (name: string) =>
    fs.outputFile(
      path.join(directory.path, name, 'catalog-info.yaml'),
      'kind: Component\n',
    );

  /** A connection that records the targets of each full mutation. */
  function recordingConnection(beforeApply?: (call: number) => Promise<void>) {
    const scans: string[][] = [];
    const connection: EntityProviderConnection = {
      async applyMutation(mutation) {
        const call = scans.length;
        await beforeApply?.(call);
        scans.push(
          mutation.type === 'full'
            ? mutation.entities.map(e =>
                path.basename(path.dirname(String(e.entity.spec?.target))),
              )
            : [],
        );
      },
      async refresh() {},
    };
    return { connection, scans };
  }

  it('emits one location per repository with a catalog-info.yaml, skipping staging folders', async () => {
    await addRepository('orders');
    await addRepository('.payments.task-1.tmp');
    await fs.ensureDir(path.join(directory.path, 'no-entity'));
    const provider = new LocalRepositoryEntityProvider({
      directory: directory.path,
      logger: mockServices.logger.mock(),
    });
    const { connection, scans } = recordingConnection();
    await provider.connect(connection);
    await provider.refresh();
    expect(scans).toEqual([['orders']]);
  });

  it('scans again when asked during a scan, so a repository published meanwhile is found', async () => {
    await addRepository('first');
    let releaseFirstScan!: () => void;
    const firstScanHeld = new Promise<void>(resolve => {
      releaseFirstScan = resolve;
    });
    const { connection, scans } = recordingConnection(async call => {
      if (call === 0) await firstScanHeld;
    });
    const provider = new LocalRepositoryEntityProvider({
      directory: directory.path,
      logger: mockServices.logger.mock(),
    });
    await provider.connect(connection);

    const first = provider.refresh();
    // Published after the first scan listed the folder.
    await new Promise(resolve => setTimeout(resolve, 50));
    await addRepository('second');
    const second = provider.refresh();
    const third = provider.refresh();
    releaseFirstScan();
    await Promise.all([first, second, third]);

    expect(scans).toEqual([['first'], ['first', 'second']]);
  });
});

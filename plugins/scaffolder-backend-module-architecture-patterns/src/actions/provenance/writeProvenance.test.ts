import fs from 'fs-extra';
import path from 'path';
import { createMockActionContext } from '../../__testUtils__/mockActionContext';
import { readProvenance } from '../../provenance/provenance';
import { createWriteProvenanceAction } from './writeProvenance';

const templateInfo = {
  entityRef: 'template:default/three-tier-service',
  entity: {
    metadata: {
      name: 'three-tier-service',
      annotations: { 'architecture.platform.dev/template-version': '1.2.0' },
    },
  },
};

describe('architecture:provenance:write', () => {
  it("records the template's name and version from its annotation, the answers and the files", async () => {
    const ctx = createMockActionContext({
      templateInfo,
      input: {
        answers: { name: 'orders', owner: 'group:default/team-a' },
        constructLibraryVersion: '0.1.0',
      },
    });
    await fs.outputFile(
      path.join(ctx.workspacePath, 'lib/constructs/a.ts'),
      'a',
    );
    await fs.outputFile(path.join(ctx.workspacePath, 'bin/app.ts'), 'b');
    await createWriteProvenanceAction().handler(ctx);

    const provenance = await readProvenance(ctx.workspacePath);
    expect(provenance.template).toEqual({
      name: 'three-tier-service',
      version: '1.2.0',
    });
    expect(provenance.answers).toEqual({
      name: 'orders',
      owner: 'group:default/team-a',
    });
    expect(provenance.constructLibrary).toEqual({ version: '0.1.0' });
    expect(provenance.files['lib/constructs/a.ts'].kind).toBe('vendored');
    expect(provenance.files['bin/app.ts'].kind).toBe('generated');
    expect(ctx.outputs.version).toBe('1.2.0');
  });

  it('fails with the reason when the template states no version', async () => {
    const ctx = createMockActionContext({
      input: { answers: {}, constructLibraryVersion: '0.1.0' },
    });
    await expect(createWriteProvenanceAction().handler(ctx)).rejects.toThrow(
      /no architecture.platform.dev\/template-version annotation/,
    );
  });

  it('refuses a vendored folder outside the workspace', async () => {
    const ctx = createMockActionContext({
      templateInfo,
      input: {
        answers: {},
        constructLibraryVersion: '0.1.0',
        vendored: ['../elsewhere'],
      },
    });
    await expect(createWriteProvenanceAction().handler(ctx)).rejects.toThrow(
      /vendored/,
    );
  });
});

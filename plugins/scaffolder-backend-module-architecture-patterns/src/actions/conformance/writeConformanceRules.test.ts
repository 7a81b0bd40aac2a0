import fs from 'fs-extra';
import path from 'path';
import { createMockActionContext } from '../../__testUtils__/mockActionContext';
import {
  createPatternCatalog,
  loadLibraryPatterns,
} from '../../__testUtils__/fixtures';
import { createWriteConformanceRulesAction } from './writeConformanceRules';

const run = async (pattern: string, catalog = createPatternCatalog()) => {
  const action = createWriteConformanceRulesAction({ catalog });
  const ctx = createMockActionContext({
    input: { pattern, entityRef: 'component:default/orders' },
  });
  await action.handler(ctx);
  return ctx;
};

describe('architecture:conformance:write', () => {
  it.each([
    'event-driven-basic',
    'three-tier',
    'multi-site-active-active-dr',
    'multi-tenant-saas',
  ])('writes the rules of %s as the catalog holds them', async pattern => {
    const ctx = await run(pattern);
    const entity = loadLibraryPatterns().find(
      p => p.metadata.name === pattern,
    )!;
    const dir = path.join(ctx.workspacePath, 'conformance');
    expect((await fs.readdir(dir)).sort()).toEqual(
      [`${pattern}.guard`, 'rules.json'].sort(),
    );
    expect(await fs.readFile(path.join(dir, `${pattern}.guard`), 'utf8')).toBe(
      entity.spec.conformance!.guard,
    );
    expect((await fs.readJson(path.join(dir, 'rules.json'))).rules).toEqual(
      entity.spec.conformance!.rules,
    );
  });

  it('refuses a pattern without rules, naming it, and writes nothing', async () => {
    const action = createWriteConformanceRulesAction({
      catalog: createPatternCatalog(),
    });
    const ctx = createMockActionContext({
      input: { pattern: 'cqrs', entityRef: 'component:default/orders' },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'pattern: cqrs has no conformance rules (spec.conformance)',
    );
    expect(
      await fs.pathExists(path.join(ctx.workspacePath, 'conformance')),
    ).toBe(false);
  });

  it('refuses an unknown pattern', async () => {
    await expect(run('no-such-pattern')).rejects.toThrow(
      'pattern: no architecture pattern named "no-such-pattern" in the catalog',
    );
  });

  it('refuses rules whose code does not define a listed rule', async () => {
    const broken = loadLibraryPatterns().find(
      p => p.metadata.name === 'three-tier',
    )!;
    broken.metadata.name = 'broken-three-tier';
    broken.spec.conformance!.rules.push({
      id: 'not_in_the_code',
      description: 'x',
      severity: 'low',
    });
    await expect(
      run('broken-three-tier', createPatternCatalog([broken])),
    ).rejects.toThrow(
      'rule not_in_the_code is listed but the guard code defines no rule of that name',
    );
  });
});

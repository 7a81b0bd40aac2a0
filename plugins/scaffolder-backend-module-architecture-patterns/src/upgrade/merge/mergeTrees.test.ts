import { FileTree } from '../../provenance/fileTree';
import { provenanceOf } from '../../provenance/provenance';
import { mergeTrees } from './mergeTrees';

const labels = {
  ours: 'your repository',
  base: 'template 1.1.0',
  theirs: 'template 1.2.0',
};

function tree(files: Record<string, string>): FileTree {
  return new Map(
    Object.entries(files).map(([file, text]) => [
      file,
      { content: Buffer.from(text), executable: false },
    ]),
  );
}

const STACK_BASE = 'line 1\nline 2\nline 3\nline 4\nline 5\n';
const base = tree({
  'lib/orders-stack.ts': STACK_BASE,
  'README.md': '# orders\n\nIntro.\n\n## Deploy\n\nRun cdk deploy.\n',
  'lib/constructs/common/kms.ts': 'key v1\n',
  'lib/constructs/common/waf.ts': 'waf v1\n',
  'lib/constructs/common/old.ts': 'old\n',
  'docs/adr/0001-use-three-tier.md': 'decision\n',
  'test/old.test.ts': 'old test\n',
  'mkdocs.yml': 'site_name: orders\n',
});
const recorded = provenanceOf({
  tree: base,
  template: { name: 'three-tier-service', version: '1.1.0' },
  answers: { name: 'orders' },
  constructLibraryVersion: '0.1.0',
  vendored: ['lib/constructs'],
  records: ['docs/adr'],
});

function withChanges(
  from: FileTree,
  changes: Record<string, string | null>,
): FileTree {
  const next = new Map(from);
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) next.delete(file);
    else next.set(file, { content: Buffer.from(text), executable: false });
  }
  return next;
}

async function merge(
  ours: Record<string, string | null>,
  theirs: Record<string, string | null>,
) {
  const result = await mergeTrees({
    base,
    ours: withChanges(base, ours),
    theirs: withChanges(base, theirs),
    recorded,
    labels,
  });
  const text = (file: string) => result.tree.get(file)?.content.toString();
  const outcome = (file: string) =>
    result.files.find(f => f.path === file)?.outcome;
  return { ...result, text, outcome };
}

describe('merging a template version into a repository', () => {
  it("combines the team's edit and the template's change to different lines of a stack", async () => {
    const result = await merge(
      { 'lib/orders-stack.ts': STACK_BASE.replace('line 1', 'team line 1') },
      { 'lib/orders-stack.ts': STACK_BASE.replace('line 5', 'fixed line 5') },
    );
    expect(result.text('lib/orders-stack.ts')).toBe(
      'team line 1\nline 2\nline 3\nline 4\nfixed line 5\n',
    );
    expect(result.outcome('lib/orders-stack.ts')).toBe('merged');
    expect(result.conflicts).toEqual([]);
  });

  it('marks a conflicting edit of the same lines with both sides and the base', async () => {
    const result = await merge(
      { 'lib/orders-stack.ts': STACK_BASE.replace('line 3', 'team line 3') },
      { 'lib/orders-stack.ts': STACK_BASE.replace('line 3', 'fixed line 3') },
    );
    expect(result.conflicts).toEqual(['lib/orders-stack.ts']);
    expect(result.text('lib/orders-stack.ts')).toBe(
      [
        'line 1',
        'line 2',
        '<<<<<<< your repository',
        'team line 3',
        '||||||| template 1.1.0',
        'line 3',
        '=======',
        'fixed line 3',
        '>>>>>>> template 1.2.0',
        'line 4',
        'line 5',
        '',
      ].join('\n'),
    );
  });

  it('takes the template change of a file the team left alone, and keeps a file only the team changed', async () => {
    const result = await merge(
      { 'README.md': '# orders\n\nOur own intro.\n' },
      { 'mkdocs.yml': 'site_name: orders\ntheme: material\n' },
    );
    expect(result.text('mkdocs.yml')).toBe(
      'site_name: orders\ntheme: material\n',
    );
    expect(result.outcome('mkdocs.yml')).toBe('updated');
    expect(result.text('README.md')).toBe('# orders\n\nOur own intro.\n');
    expect(result.outcome('README.md')).toBeUndefined();
  });

  it('replaces vendored construct files the team did not change', async () => {
    const result = await merge(
      {},
      { 'lib/constructs/common/kms.ts': 'key v2\n' },
    );
    expect(result.text('lib/constructs/common/kms.ts')).toBe('key v2\n');
    expect(result.outcome('lib/constructs/common/kms.ts')).toBe('updated');
  });

  it('never overwrites a vendored construct file the team changed: a conflict with both versions in it', async () => {
    const result = await merge(
      { 'lib/constructs/common/kms.ts': 'key v1 patched by the team\n' },
      { 'lib/constructs/common/kms.ts': 'key v2\n' },
    );
    expect(result.conflicts).toEqual(['lib/constructs/common/kms.ts']);
    const text = result.text('lib/constructs/common/kms.ts')!;
    expect(text).toContain(
      '<<<<<<< your repository\nkey v1 patched by the team\n',
    );
    expect(text).toContain('=======\nkey v2\n>>>>>>> template 1.2.0');
  });

  it('is a conflict too when the team changed a vendored file in a way a line merge could combine', async () => {
    const result = await merge(
      { 'lib/constructs/common/waf.ts': '// note\nwaf v1\n' },
      { 'lib/constructs/common/waf.ts': 'waf v1\nrule 2\n' },
    );
    expect(result.conflicts).toEqual(['lib/constructs/common/waf.ts']);
  });

  it('keeps a file the team deleted deleted, even when the template changed it', async () => {
    const result = await merge(
      { 'test/old.test.ts': null },
      { 'test/old.test.ts': 'old test, improved\n' },
    );
    expect(result.tree.has('test/old.test.ts')).toBe(false);
    expect(result.outcome('test/old.test.ts')).toBe('kept-deleted');
  });

  it('adds new template files, and removes files the new version dropped unless the team changed them', async () => {
    const result = await merge(
      { 'mkdocs.yml': 'site_name: orders (ours)\n' },
      {
        'lib/constructs/common/tags.ts': 'tags\n',
        'test/new.test.ts': 'new test\n',
        'lib/constructs/common/old.ts': null,
        'test/old.test.ts': null,
        'mkdocs.yml': null,
      },
    );
    expect(result.outcome('lib/constructs/common/tags.ts')).toBe('added');
    expect(result.outcome('test/new.test.ts')).toBe('added');
    expect(result.tree.has('lib/constructs/common/old.ts')).toBe(false);
    expect(result.tree.has('test/old.test.ts')).toBe(false);
    expect(result.outcome('mkdocs.yml')).toBe('conflict');
    expect(result.text('mkdocs.yml')).toContain(
      '>>>>>>> template 1.2.0 (deleted)',
    );
  });

  it("leaves decision records and the team's own files alone", async () => {
    const result = await merge(
      {
        'docs/adr/0001-use-three-tier.md': 'decision, amended\n',
        'src/handler.ts': 'team code\n',
      },
      { 'docs/adr/0001-use-three-tier.md': 'decision rewritten\n' },
    );
    expect(result.text('docs/adr/0001-use-three-tier.md')).toBe(
      'decision, amended\n',
    );
    expect(result.text('src/handler.ts')).toBe('team code\n');
    expect(result.files).toEqual([]);
  });

  it('keeps a binary file the team changed and reports it', async () => {
    const binary = (byte: number) => String.fromCharCode(0, byte, 0);
    const result = await merge(
      { 'docs/diagram.png': binary(2) },
      { 'docs/diagram.png': binary(3) },
    );
    // The base has no such file: both added it.
    expect(result.conflicts).toEqual(['docs/diagram.png']);
    expect(result.text('docs/diagram.png')).toBe(binary(2));
  });
});

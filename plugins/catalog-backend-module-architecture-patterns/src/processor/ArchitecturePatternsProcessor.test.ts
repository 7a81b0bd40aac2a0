import { resolveTextPlaceholders } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ANNOTATION_IMPLEMENTS_PATTERNS } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { ArchitecturePatternsProcessor } from './ArchitecturePatternsProcessor';
import { PatternDirectory } from './PatternDirectory';
import { WaitingEntities } from './WaitingEntities';

const LIBRARY_DIR = path.join(
  path.dirname(
    require.resolve(
      '@platform-architecture/backstage-plugin-architecture-patterns-common/package.json',
    ),
  ),
  'library/patterns',
);

function libraryPattern(name: string): Entity {
  // As the catalog reads it: $text placeholders replaced by the files' text.
  return resolveTextPlaceholders(
    parse(fs.readFileSync(path.join(LIBRARY_DIR, `${name}.yaml`), 'utf8')),
    relative => fs.readFileSync(path.join(LIBRARY_DIR, relative), 'utf8'),
  ) as Entity;
}

/** An in-memory directory that knows a fixed set of pattern refs. */
class FakePatternDirectory implements PatternDirectory {
  readonly has = jest.fn(async (ref: string) => this.known.has(ref));
  readonly learn = jest.fn((ref: string) => {
    this.known.add(ref);
  });
  constructor(readonly known: Set<string>) {}
}

const location: LocationSpec = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

function component(annotation?: string, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'orders',
      ...(namespace ? { namespace } : {}),
      ...(annotation === undefined
        ? {}
        : { annotations: { [ANNOTATION_IMPLEMENTS_PATTERNS]: annotation } }),
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

function setup(known: string[] = []) {
  const directory = new FakePatternDirectory(new Set(known));
  const processor = new ArchitecturePatternsProcessor(directory);
  const emitted: CatalogProcessorResult[] = [];
  const emit = (result: CatalogProcessorResult) => {
    emitted.push(result);
  };
  const relations = () =>
    emitted.flatMap(r => (r.type === 'relation' ? [r.relation] : []));
  const errors = () => emitted.flatMap(r => (r.type === 'error' ? [r] : []));
  return { directory, processor, emitted, emit, relations, errors };
}

describe('ArchitecturePatternsProcessor', () => {
  it('has a name', () => {
    expect(setup().processor.getProcessorName()).toBe(
      'ArchitecturePatternsProcessor',
    );
  });

  describe('validateEntityKind', () => {
    it.each(['cqrs', 'saga', 'monolith-vs-microservice', 'multi-tenant-saas'])(
      'accepts the library pattern %s',
      async name => {
        const { processor } = setup();
        await expect(
          processor.validateEntityKind(libraryPattern(name)),
        ).resolves.toBe(true);
      },
    );

    it('rejects conformance rules the guard code does not define', async () => {
      const { processor } = setup();
      const entity = libraryPattern('three-tier') as any;
      entity.spec.conformance.rules.push({
        id: 'missing_rule',
        description: 'Not in the code.',
        severity: 'low',
      });
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        'spec.conformance: rule missing_rule is listed but the guard code defines no rule of that name',
      );
    });

    it('throws for an invalid pattern, naming the field', async () => {
      const { processor } = setup();
      const entity = libraryPattern('cqrs');
      delete entity.spec!.level;
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /\/spec must have required property 'level'/,
      );
    });

    it('throws for an invalid level, naming the field', async () => {
      const { processor } = setup();
      const entity = libraryPattern('cqrs');
      entity.spec!.level = 'expert';
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /\/spec\/level must be equal to one of the allowed values/,
      );
    });

    it('throws an InputError listing every diagram reference error', async () => {
      const { processor } = setup();
      const entity = libraryPattern('cqrs') as any;
      entity.spec.diagram.edges[0].to = 'nowhere';
      entity.spec.diagram.nodes[2].group = 'missing';
      const result = processor.validateEntityKind(entity);
      await expect(result).rejects.toBeInstanceOf(InputError);
      await expect(result).rejects.toThrow(
        'spec.diagram.nodes[2].group "missing" is not a group id; spec.diagram.edges[0].to "nowhere" is not a node id',
      );
    });

    it.each<[string, Entity]>([
      ['a Component', component('cqrs')],
      [
        'a Group',
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'platform-team' },
          spec: { type: 'team', children: [] },
        },
      ],
      [
        'a Location',
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Location',
          metadata: { name: 'patterns' },
          spec: { targets: [] },
        },
      ],
    ])('returns false for %s', async (_name, entity) => {
      const { processor } = setup();
      await expect(processor.validateEntityKind(entity)).resolves.toBe(false);
    });

    it('returns false for an ArchitecturePattern of another apiVersion', async () => {
      const { processor } = setup();
      const entity = libraryPattern('cqrs');
      entity.apiVersion = 'backstage.io/v1alpha1';
      await expect(processor.validateEntityKind(entity)).resolves.toBe(false);
    });
  });

  describe('postProcessEntity', () => {
    it('emits implementsPattern and implementedBy for a known pattern', async () => {
      const { processor, directory, emit, emitted } = setup([
        'architecturepattern:default/cqrs',
      ]);
      const entity = component('cqrs');

      await expect(
        processor.postProcessEntity(entity, location, emit),
      ).resolves.toBe(entity);

      expect(directory.has).toHaveBeenCalledWith(
        'architecturepattern:default/cqrs',
      );
      const self = { kind: 'Component', namespace: 'default', name: 'orders' };
      const pattern = {
        kind: 'ArchitecturePattern',
        namespace: 'default',
        name: 'cqrs',
      };
      expect(emitted).toEqual([
        {
          type: 'relation',
          relation: {
            source: self,
            type: 'implementsPattern',
            target: pattern,
          },
        },
        {
          type: 'relation',
          relation: { source: pattern, type: 'implementedBy', target: self },
        },
      ]);
    });

    it('emits a relation pair for each of several patterns', async () => {
      const { processor, emit, relations, errors } = setup([
        'architecturepattern:default/cqrs',
        'architecturepattern:default/saga',
      ]);
      await processor.postProcessEntity(
        component(' cqrs , architecturepattern:default/saga '),
        location,
        emit,
      );
      expect(errors()).toEqual([]);
      expect(
        relations().map(r => `${r.source.name} ${r.type} ${r.target.name}`),
      ).toEqual([
        'orders implementsPattern cqrs',
        'cqrs implementedBy orders',
        'orders implementsPattern saga',
        'saga implementedBy orders',
      ]);
    });

    it("looks patterns up in the entity's namespace by default", async () => {
      const { processor, directory, emit, relations } = setup([
        'architecturepattern:payments/cqrs',
      ]);
      await processor.postProcessEntity(
        component('cqrs', 'payments'),
        location,
        emit,
      );
      expect(directory.has).toHaveBeenCalledWith(
        'architecturepattern:payments/cqrs',
      );
      expect(relations()).toHaveLength(2);
      expect(relations()[0].target).toEqual({
        kind: 'ArchitecturePattern',
        namespace: 'payments',
        name: 'cqrs',
      });
    });

    it('emits an inputError naming an unknown pattern, and no relation for it', async () => {
      const { processor, emit, relations, errors } = setup([
        'architecturepattern:default/cqrs',
      ]);
      await processor.postProcessEntity(
        component('cqrs, no-such-pattern'),
        location,
        emit,
      );

      expect(errors()).toHaveLength(1);
      const [error] = errors();
      expect(error.location).toBe(location);
      expect(error.error).toBeInstanceOf(InputError);
      expect(error.error.message).toBe(
        'component:default/orders declares that it implements the unknown architecture pattern "architecturepattern:default/no-such-pattern"',
      );
      // The known pattern still gets its relations; the unknown one none.
      expect(relations().map(r => `${r.type} ${r.target.name}`)).toEqual([
        'implementsPattern cqrs',
        'implementedBy orders',
      ]);
    });

    it('emits only an inputError when the only pattern is unknown', async () => {
      const { processor, emit, relations, errors } = setup();
      await processor.postProcessEntity(component('cqrs'), location, emit);
      expect(relations()).toEqual([]);
      expect(errors().map(e => e.error.message)).toEqual([
        expect.stringContaining('"architecturepattern:default/cqrs"'),
      ]);
    });

    it('emits an inputError for a ref of another kind, without asking the directory', async () => {
      const { processor, directory, emit, emitted } = setup([
        'architecturepattern:default/cqrs',
      ]);
      await processor.postProcessEntity(
        component('cqrs, component:default/orders-db'),
        location,
        emit,
      );
      expect(directory.has).not.toHaveBeenCalled();
      expect(emitted).toHaveLength(1);
      expect(emitted[0]).toMatchObject({ type: 'error', location });
      const error = (emitted[0] as any).error as Error;
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        `Annotation ${ANNOTATION_IMPLEMENTS_PATTERNS} must name ArchitecturePattern entities, got "component:default/orders-db"`,
      );
    });

    it('emits nothing for an entity without the annotation', async () => {
      const { processor, directory, emit, emitted } = setup();
      await processor.postProcessEntity(component(), location, emit);
      expect(emitted).toEqual([]);
      expect(directory.has).not.toHaveBeenCalled();
    });

    it('emits ownedBy and ownerOf for a pattern', async () => {
      const { processor, directory, emit, emitted } = setup();
      const entity = libraryPattern('cqrs');

      await expect(
        processor.postProcessEntity(entity, location, emit),
      ).resolves.toBe(entity);

      const self = {
        kind: 'ArchitecturePattern',
        namespace: 'default',
        name: 'cqrs',
      };
      const owner = {
        kind: 'group',
        namespace: 'default',
        name: 'platform-team',
      };
      expect(emitted).toEqual([
        {
          type: 'relation',
          relation: { source: self, type: 'ownedBy', target: owner },
        },
        {
          type: 'relation',
          relation: { source: owner, type: 'ownerOf', target: self },
        },
      ]);
      expect(directory.has).not.toHaveBeenCalled();
    });

    it("resolves a bare pattern owner as a Group in the pattern's namespace", async () => {
      const { processor, emit, relations } = setup();
      const entity = libraryPattern('saga');
      entity.metadata.namespace = 'architecture';
      entity.spec!.owner = 'platform-team';
      await processor.postProcessEntity(entity, location, emit);
      expect(relations()[0]).toEqual({
        source: {
          kind: 'ArchitecturePattern',
          namespace: 'architecture',
          name: 'saga',
        },
        type: 'ownedBy',
        target: {
          kind: 'Group',
          namespace: 'architecture',
          name: 'platform-team',
        },
      });
    });

    it('does not read the annotation on a pattern', async () => {
      const { processor, directory, emit, relations } = setup();
      const entity = libraryPattern('saga');
      entity.metadata.annotations = {
        [ANNOTATION_IMPLEMENTS_PATTERNS]: 'cqrs',
      };
      await processor.postProcessEntity(entity, location, emit);
      expect(directory.has).not.toHaveBeenCalled();
      expect(relations().map(r => r.type)).toEqual(['ownedBy', 'ownerOf']);
    });
  });
});

describe('entities that arrive before their pattern', () => {
  it('wait for each missing pattern, with the error, and get their relations once it is there', async () => {
    const directory = new FakePatternDirectory(new Set());
    const waiting = new WaitingEntities();
    const processor = new ArchitecturePatternsProcessor(directory, waiting);

    const first: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(component('cqrs, saga'), location, r =>
      first.push(r),
    );
    expect(first.map(r => r.type)).toEqual(['error', 'error']);
    expect(waiting.patterns()).toEqual([
      'architecturepattern:default/cqrs',
      'architecturepattern:default/saga',
    ]);
    expect(waiting.release('architecturepattern:default/cqrs')).toEqual([
      'component:default/orders',
    ]);

    directory.known.add('architecturepattern:default/cqrs');
    directory.known.add('architecturepattern:default/saga');
    const second: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(component('cqrs, saga'), location, r =>
      second.push(r),
    );
    expect(second.map(r => r.type)).toEqual([
      'relation',
      'relation',
      'relation',
      'relation',
    ]);
  });

  it('do not wait for the patterns the catalog has', async () => {
    const directory = new FakePatternDirectory(
      new Set(['architecturepattern:default/cqrs']),
    );
    const waiting = new WaitingEntities();
    const processor = new ArchitecturePatternsProcessor(directory, waiting);
    await processor.postProcessEntity(
      component('cqrs, no-such-pattern'),
      location,
      () => {},
    );
    expect(waiting.patterns()).toEqual([
      'architecturepattern:default/no-such-pattern',
    ]);
  });

  it('are not looked for when a pattern is validated: validation only validates', async () => {
    const directory = new FakePatternDirectory(new Set());
    const waiting = new WaitingEntities();
    waiting.wait(
      'architecturepattern:default/cqrs',
      'component:default/orders',
    );
    const processor = new ArchitecturePatternsProcessor(directory, waiting);
    await expect(
      processor.validateEntityKind(libraryPattern('cqrs')),
    ).resolves.toBe(true);
    expect(directory.has).not.toHaveBeenCalled();
    expect(directory.learn).not.toHaveBeenCalled();
    expect(waiting.patterns()).toEqual(['architecturepattern:default/cqrs']);
  });

  it("can name a pattern as soon as the pattern's own processing has run, before the catalog serves it", async () => {
    const directory = new FakePatternDirectory(new Set());
    const processor = new ArchitecturePatternsProcessor(directory);
    await processor.postProcessEntity(
      libraryPattern('cqrs'),
      location,
      () => {},
    );
    expect(directory.learn).toHaveBeenCalledWith(
      'architecturepattern:default/cqrs',
    );
    const emitted: CatalogProcessorResult[] = [];
    await processor.postProcessEntity(component('cqrs'), location, r =>
      emitted.push(r),
    );
    expect(emitted.map(r => r.type)).toEqual(['relation', 'relation']);
  });
});

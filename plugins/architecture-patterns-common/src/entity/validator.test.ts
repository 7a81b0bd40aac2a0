import { resolveTextPlaceholders } from './textPlaceholders';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import { architecturePatternEntityValidator } from './validator';
import { findDiagramReferenceErrors } from './diagramReferences';
import type { ArchitecturePatternEntity } from './ArchitecturePatternEntity';

const LIBRARY_DIR = path.resolve(__dirname, '../../library/patterns');
const libraryFiles = fs
  .readdirSync(LIBRARY_DIR)
  .filter(file => file.endsWith('.yaml'))
  .sort();

function readLibraryFile(file: string): string {
  return fs.readFileSync(path.join(LIBRARY_DIR, file), 'utf8');
}

/** A small, valid pattern; each invalid case below breaks one field of it. */
function validPattern(): any {
  return {
    apiVersion: 'architecture.platform.dev/v1alpha1',
    kind: 'ArchitecturePattern',
    metadata: {
      name: 'queue-worker',
      title: 'Queue and worker',
      description: 'A queue decouples producers from a pool of workers.',
    },
    spec: {
      owner: 'group:default/platform-team',
      level: 'beginner',
      category: 'event-driven',
      body: '### Why\nBuffers load.',
      diagram: {
        direction: 'LR',
        groups: [{ id: 'aws', label: 'AWS account', type: 'account' }],
        nodes: [
          { id: 'producer', label: 'Producer', type: 'actor' },
          {
            id: 'queue',
            label: 'Queue',
            service: 'Amazon SQS',
            type: 'integration',
            group: 'aws',
          },
          {
            id: 'worker',
            label: 'Worker',
            service: 'AWS Lambda',
            type: 'compute',
            group: 'aws',
          },
        ],
        edges: [
          { from: 'producer', to: 'queue', label: 'send message' },
          { from: 'queue', to: 'worker' },
        ],
      },
      benefits: ['Absorbs spikes.'],
      tradeOffs: [{ gives: 'decoupling', costs: 'eventual consistency' }],
      whenToUse: ['Work can be done later.'],
      whenNotToUse: ['The caller needs the answer now.'],
      awsServices: [
        { name: 'Amazon SQS', role: 'Buffers messages.' },
        { name: 'AWS Lambda', role: 'Processes messages.' },
      ],
      keyDecisions: [
        {
          decision: 'Standard or FIFO?',
          options: ['Standard', 'FIFO'],
          guidance: 'Standard unless order matters.',
        },
      ],
      relatedPatterns: ['sns-sqs-fan-out'],
    },
  };
}

describe('architecturePatternEntityValidator', () => {
  it('finds the 24 library files', () => {
    expect(libraryFiles).toHaveLength(24);
  });

  describe.each(libraryFiles)('library file %s', file => {
    const text = readLibraryFile(file);

    it('holds exactly one YAML document', () => {
      const documents = parseAllDocuments(text);
      expect(documents).toHaveLength(1);
      expect((documents as any)[0].errors).toEqual([]);
    });

    it('is a valid ArchitecturePattern named after its file', () => {
      // As the catalog reads it: $text placeholders replaced by the files' text.
      const entity = resolveTextPlaceholders(parse(text) as Entity, relative =>
        fs.readFileSync(path.join(LIBRARY_DIR, relative), 'utf8'),
      );
      const result = architecturePatternEntityValidator(entity);
      expect(result).not.toBe(false);
      expect(result).toBe(entity);
      expect(entity.metadata.name).toBe(path.basename(file, '.yaml'));
    });

    it('has no diagram reference errors', () => {
      const entity = parse(text) as ArchitecturePatternEntity;
      expect(findDiagramReferenceErrors(entity.spec.diagram)).toEqual([]);
    });
  });

  it('accepts the minimal valid pattern used by the invalid cases', () => {
    const entity = validPattern();
    expect(architecturePatternEntityValidator(entity)).toBe(entity);
  });

  it('accepts optional comparison and tables', () => {
    const entity = validPattern();
    entity.spec.comparison = {
      subjects: ['Queue', 'Direct call'],
      aspects: [{ aspect: 'Coupling', values: ['loose', 'tight'] }],
    };
    entity.spec.tables = [
      {
        title: 'Requirements',
        columns: ['Need', 'Target'],
        rows: [['p99', '200 ms']],
      },
    ];
    expect(architecturePatternEntityValidator(entity)).toBe(entity);
  });

  it.each<[string, (entity: any) => void, RegExp]>([
    [
      'missing spec.level',
      e => delete e.spec.level,
      /\/spec must have required property 'level'/,
    ],
    [
      "level 'expert'",
      e => {
        e.spec.level = 'expert';
      },
      /\/spec\/level must be equal to one of the allowed values/,
    ],
    [
      'unknown category',
      e => {
        e.spec.category = 'serverless';
      },
      /\/spec\/category must be equal to one of the allowed values/,
    ],
    [
      'a trade-off without costs',
      e => delete e.spec.tradeOffs[0].costs,
      /\/spec\/tradeOffs\/0 must have required property 'costs'/,
    ],
    [
      'no trade-offs at all',
      e => {
        e.spec.tradeOffs = [];
      },
      /\/spec\/tradeOffs must NOT have fewer than 1 items/,
    ],
    [
      'an unknown spec property',
      e => {
        e.spec.lifecycle = 'production';
      },
      /\/spec must NOT have additional properties - additionalProperty: lifecycle/,
    ],
    [
      'an unknown diagram property',
      e => {
        e.spec.diagram.layout = 'dagre';
      },
      /\/spec\/diagram must NOT have additional properties - additionalProperty: layout/,
    ],
    [
      'a diagram node without label',
      e => delete e.spec.diagram.nodes[1].label,
      /\/spec\/diagram\/nodes\/1 must have required property 'label'/,
    ],
    [
      'a diagram node label over 40 characters',
      e => {
        e.spec.diagram.nodes[0].label = 'x'.repeat(41);
      },
      /\/spec\/diagram\/nodes\/0\/label must NOT have more than 40 characters/,
    ],
    [
      'a node id with spaces',
      e => {
        e.spec.diagram.nodes[2].id = 'the worker';
      },
      /\/spec\/diagram\/nodes\/2\/id must match pattern/,
    ],
    [
      'an edge label over 40 characters',
      e => {
        e.spec.diagram.edges[1].label = 'y'.repeat(41);
      },
      /\/spec\/diagram\/edges\/1\/label must NOT have more than 40 characters/,
    ],
    [
      'an edge without to',
      e => delete e.spec.diagram.edges[0].to,
      /\/spec\/diagram\/edges\/0 must have required property 'to'/,
    ],
    [
      'a group of unknown type',
      e => {
        e.spec.diagram.groups[0].type = 'cluster';
      },
      /\/spec\/diagram\/groups\/0\/type must be equal to one of the allowed values/,
    ],
    [
      'an empty node list',
      e => {
        e.spec.diagram.nodes = [];
      },
      /\/spec\/diagram\/nodes must NOT have fewer than 1 items/,
    ],
    [
      'a related pattern that is not an entity name',
      e => {
        e.spec.relatedPatterns = ['SNS SQS fan-out'];
      },
      /\/spec\/relatedPatterns\/0 must match pattern/,
    ],
    [
      'an AWS service without role',
      e => delete e.spec.awsServices[1].role,
      /\/spec\/awsServices\/1 must have required property 'role'/,
    ],
    [
      'a comparison aspect with one value',
      e => {
        e.spec.comparison = {
          subjects: ['A', 'B'],
          aspects: [{ aspect: 'Cost', values: ['low'] }],
        };
      },
      /\/spec\/comparison\/aspects\/0\/values must NOT have fewer than 2 items/,
    ],
    [
      'a table without rows',
      e => {
        e.spec.tables = [{ title: 'T', columns: ['a', 'b'] }];
      },
      /\/spec\/tables\/0 must have required property 'rows'/,
    ],
    [
      'missing metadata.title',
      e => delete e.metadata.title,
      /\/metadata must have required property 'title'/,
    ],
    ['missing spec', e => delete e.spec, /must have required property 'spec'/],
  ])('rejects %s, naming the field', (_name, mutate, message) => {
    const entity = validPattern();
    mutate(entity);
    expect(() => architecturePatternEntityValidator(entity)).toThrow(message);
  });

  it.each([
    [
      'a Component',
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'orders' },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      },
    ],
    [
      'a Group',
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-a' },
        spec: { type: 'team', children: [] },
      },
    ],
  ])('returns false for %s', (_name, entity) => {
    expect(architecturePatternEntityValidator(entity as Entity)).toBe(false);
  });

  it('returns false for an ArchitecturePattern of another apiVersion', () => {
    const entity = validPattern();
    entity.apiVersion = 'backstage.io/v1alpha1';
    expect(architecturePatternEntityValidator(entity)).toBe(false);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ArchitecturePatternEntity } from './entity/ArchitecturePatternEntity';
import { PATTERN_CATEGORIES, PATTERN_LEVELS } from './entity/constants';

const LIBRARY_DIR = path.resolve(__dirname, '../library/patterns');

const EXPECTED_PATTERNS = [
  'microservices-alb-path-routing',
  'event-driven-basic',
  'microservice-vs-event-driven',
  'event-driven-advanced',
  'three-tier',
  'three-tier-microservices',
  'monolith-vs-microservice',
  'multi-site-active-active-dr',
  'hybrid-cloud',
  'system-design-trade-offs',
  'top-3-designs',
  'global-ecommerce-platform',
  'real-time-analytics-pipeline',
  'global-chat-application',
  'multi-tenant-saas',
  'sns-sqs-fan-out',
  'strangler-fig',
  'circuit-breaker',
  'cqrs',
  'saga',
  'fifo-ordering-idempotency',
  'dr-backup-restore',
  'dr-pilot-light',
  'dr-warm-standby',
];

const SYSTEM_DESIGNS = [
  'global-ecommerce-platform',
  'real-time-analytics-pipeline',
  'global-chat-application',
  'multi-tenant-saas',
];

const library: ArchitecturePatternEntity[] = fs
  .readdirSync(LIBRARY_DIR)
  .filter(file => file.endsWith('.yaml'))
  .sort()
  .map(file => parse(fs.readFileSync(path.join(LIBRARY_DIR, file), 'utf8')));

const byName = new Map(library.map(p => [p.metadata.name, p]));

function pattern(name: string): ArchitecturePatternEntity {
  const found = byName.get(name);
  if (!found) {
    throw new Error(`Pattern ${name} is not in the library`);
  }
  return found;
}

describe('pattern library', () => {
  it('holds exactly the 24 expected patterns, with unique names', () => {
    const names = library.map(p => p.metadata.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...EXPECTED_PATTERNS].sort());
  });

  it('keeps every pattern in the default namespace, owned by a group', () => {
    for (const p of library) {
      expect(p.metadata.namespace ?? 'default').toBe('default');
      expect(p.spec.owner).toMatch(/^group:/);
    }
  });

  it('uses every level at least once and only known categories', () => {
    const levels = new Set(library.map(p => p.spec.level));
    expect([...levels].sort()).toEqual([...PATTERN_LEVELS].sort());
    for (const p of library) {
      expect(PATTERN_CATEGORIES).toContain(p.spec.category);
    }
  });

  describe.each(EXPECTED_PATTERNS)('%s', name => {
    it('names only related patterns that are in the library, and not itself', () => {
      const p = pattern(name);
      for (const related of p.spec.relatedPatterns) {
        expect({ related, known: byName.has(related) }).toEqual({
          related,
          known: true,
        });
      }
      expect(p.spec.relatedPatterns).not.toContain(name);
      expect(new Set(p.spec.relatedPatterns).size).toBe(
        p.spec.relatedPatterns.length,
      );
    });

    it('links diagram nodes only to its related patterns', () => {
      const p = pattern(name);
      for (const node of p.spec.diagram.nodes.filter(n => n.pattern)) {
        expect({
          node: node.id,
          related: p.spec.relatedPatterns.includes(node.pattern!),
        }).toEqual({ node: node.id, related: true });
      }
    });

    it('lists the service of every diagram node in awsServices', () => {
      const p = pattern(name);
      const services = new Set(p.spec.awsServices.map(s => s.name));
      const missing = p.spec.diagram.nodes
        .filter(
          node => node.service !== undefined && !services.has(node.service),
        )
        .map(node => `${node.id}: ${node.service}`);
      expect(missing).toEqual([]);
    });

    it('has as many values per comparison aspect as subjects, if it compares', () => {
      const comparison = pattern(name).spec.comparison;
      for (const aspect of comparison?.aspects ?? []) {
        expect({ aspect: aspect.aspect, values: aspect.values.length }).toEqual(
          {
            aspect: aspect.aspect,
            values: comparison!.subjects.length,
          },
        );
      }
    });

    it('has as many cells per table row as columns, if it has tables', () => {
      for (const table of pattern(name).spec.tables ?? []) {
        for (const row of table.rows) {
          expect({ table: table.title, cells: row.length }).toEqual({
            table: table.title,
            cells: table.columns.length,
          });
        }
      }
    });
  });

  it('compares monolith and microservices across 8 aspects', () => {
    const comparison = pattern('monolith-vs-microservice').spec.comparison;
    expect(comparison).toBeDefined();
    expect(comparison!.subjects).toEqual(['Monolith', 'Microservices']);
    expect(comparison!.aspects).toHaveLength(8);
    expect(comparison!.aspects.map(a => a.aspect)).toEqual([
      'Deployment',
      'Scaling',
      'Tech stack',
      'Database',
      'Team structure',
      'Complexity',
      'Failure impact',
      'Best for',
    ]);
  });

  it.each(SYSTEM_DESIGNS)('system design %s has tables', name => {
    const p = pattern(name);
    expect(p.spec.category).toBe('system-design');
    expect(p.spec.tables?.length).toBeGreaterThan(0);
    for (const table of p.spec.tables!) {
      expect(table.title).not.toBe('');
      expect(table.rows.length).toBeGreaterThan(0);
    }
  });

  it('has exactly the four system designs in the system-design category', () => {
    expect(
      library
        .filter(p => p.spec.category === 'system-design')
        .map(p => p.metadata.name)
        .sort(),
    ).toEqual([...SYSTEM_DESIGNS].sort());
  });
});

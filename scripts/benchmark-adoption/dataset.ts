/*
 * The synthetic catalog of the adoption benchmark: the real pattern library,
 * ~200 groups, ~500 systems and N components whose owners, systems,
 * lifecycles, patterns and templates are spread the way a real catalog's are
 * (a few big teams and systems, a long tail; a few popular patterns).
 *
 * Everything is derived from a seeded PRNG, so the same size always gives the
 * same catalog.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_IMPLEMENTS_PATTERNS,
  ANNOTATION_TEMPLATE_VERSION,
  resolveTextPlaceholders,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { ANNOTATION_SOURCE_TEMPLATE } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

export const LOCATION_KEY = 'benchmark-adoption';
const LOCATION = 'url:https://example.com/benchmark-adoption/catalog-info.yaml';

export const GROUP_COUNT = 200;
export const SYSTEM_COUNT = 500;

/** The scaffolder templates of this repository, with the pattern each implements. */
export const TEMPLATES = [
  { name: 'three-tier-service', pattern: 'three-tier', weight: 0.4 },
  { name: 'event-driven-service', pattern: 'event-driven-basic', weight: 0.3 },
  {
    name: 'multi-tenant-saas-service',
    pattern: 'multi-tenant-saas',
    weight: 0.2,
  },
  {
    name: 'active-active-service',
    pattern: 'multi-site-active-active-dr',
    weight: 0.1,
  },
];
export const TEMPLATE_VERSIONS = [
  { value: '1.0.0', weight: 0.2 },
  { value: '1.1.0', weight: 0.35 },
  { value: '1.2.0', weight: 0.45 },
];
const LIFECYCLES = [
  { value: 'production', weight: 0.62 },
  { value: 'experimental', weight: 0.25 },
  { value: 'deprecated', weight: 0.13 },
];
const TYPES = [
  { value: 'service', weight: 0.7 },
  { value: 'website', weight: 0.15 },
  { value: 'library', weight: 0.15 },
];
/** How many patterns a component declares: 1, 2 or 3. */
const PATTERN_COUNTS = [
  { value: 1, weight: 0.5 },
  { value: 2, weight: 0.35 },
  { value: 3, weight: 0.15 },
];
const SHARE_FROM_TEMPLATE = 0.6;
const SHARE_FULL_REFS = 0.2;
const SHARE_OWNER_OF_SYSTEM = 0.85;
/** How often spec.owner / spec.system are written as full refs rather than bare names. */
const SHARE_FULL_OWNER_REFS = 0.5;
const SHARE_FULL_SYSTEM_REFS = 0.3;

/** mulberry32: small, fast, good enough for spreading test data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks an index in [0, weights.length) with the given relative weights. */
function weightedPicker(weights: number[]) {
  const cdf: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w;
    cdf.push(sum);
  }
  return (random: () => number) => {
    const x = random() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Zipf: rank k (0-based) has weight 1 / (k + 1)^s. */
function zipfPicker(count: number, s: number) {
  return weightedPicker(
    Array.from({ length: count }, (_, k) => 1 / Math.pow(k + 1, s)),
  );
}

function valuePicker<T>(options: Array<{ value: T; weight: number }>) {
  const pick = weightedPicker(options.map(o => o.weight));
  return (random: () => number) => options[pick(random)].value;
}

function managed(entity: Entity): Entity {
  entity.metadata.annotations = {
    'backstage.io/managed-by-location': LOCATION,
    'backstage.io/managed-by-origin-location': LOCATION,
    ...entity.metadata.annotations,
  };
  return entity;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function readLibraryPatterns(): Entity[] {
  const dir = path.join(
    path.dirname(
      require.resolve(
        '@platform-architecture/backstage-plugin-architecture-patterns-common/package.json',
      ),
    ),
    'library/patterns',
  );
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .map(f =>
      // Inlines the `$text` files (cfn-guard rules) as the placeholder
      // processor would: the benchmark's location is not readable.
      managed(
        resolveTextPlaceholders(
          parse(fs.readFileSync(path.join(dir, f), 'utf8')),
          file => fs.readFileSync(path.join(dir, file), 'utf8'),
        ),
      ),
    );
}

export interface Dataset {
  patterns: Entity[];
  groups: Entity[];
  systems: Entity[];
  /** Builds component i (0-based); cheap, so big lists are built on demand. */
  component(i: number): Entity;
  /** Expected adopters per pattern ref (over components 0..n-1). */
  expectedPatternCounts(n: number): Map<string, number>;
  /** The owner with the most components, as a full group ref. */
  topOwner(n: number): string;
  /** The most adopted pattern's ref. */
  topPattern(n: number): string;
}

export function createDataset(seed = 42): Dataset {
  const patterns = readLibraryPatterns();
  const patternNames = patterns.map(p => p.metadata.name);
  const groupNames = [
    'platform-team',
    ...Array.from(
      { length: GROUP_COUNT - 1 },
      (_, i) => `team-${pad(i + 1, 3)}`,
    ),
  ];
  const ownerRef = (name: string) => `group:default/${name}`;

  const setup = createRandom(seed);
  // Popularity order of the patterns: the template patterns are popular,
  // the rest in a seeded order.
  const templatePatterns = TEMPLATES.map(t => t.pattern);
  const others = patternNames
    .filter(n => !templatePatterns.includes(n))
    .map(n => ({ n, r: setup() }))
    .sort((a, b) => a.r - b.r)
    .map(x => x.n);
  const popularity = [
    templatePatterns[0],
    others[0],
    templatePatterns[1],
    others[1],
    ...templatePatterns.slice(2),
    ...others.slice(2),
  ];

  const groups: Entity[] = groupNames.map(name =>
    managed({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, description: `The ${name} team` },
      spec: { type: 'team', children: [] },
    }),
  );

  const pickGroup = zipfPicker(GROUP_COUNT, 1.0);
  const pickSystem = zipfPicker(SYSTEM_COUNT, 1.07);
  const pickPattern = zipfPicker(popularity.length, 0.9);
  const pickTemplate = weightedPicker(TEMPLATES.map(t => t.weight));
  const pickVersion = valuePicker(TEMPLATE_VERSIONS);
  const pickPatternCount = valuePicker(PATTERN_COUNTS);
  const pickType = valuePicker(TYPES);
  const pickLifecycle = valuePicker(LIFECYCLES);

  const systemOwners: string[] = [];
  const systems: Entity[] = Array.from({ length: SYSTEM_COUNT }, (_, i) => {
    const ownerName = groupNames[pickGroup(setup)];
    systemOwners.push(ownerName);
    const owner = ownerRef(ownerName);
    return managed({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `system-${pad(i + 1, 3)}` },
      spec: { owner },
    });
  });

  function component(i: number): Entity {
    // One PRNG per component: component i is the same whatever else is built.
    const random = createRandom(Math.imul(i + 1, 0x9e3779b1) ^ seed);
    const systemIndex = pickSystem(random);
    const ownerName =
      random() < SHARE_OWNER_OF_SYSTEM
        ? systemOwners[systemIndex]
        : groupNames[pickGroup(random)];
    // Written either way, as people do; the catalog's ownedBy / partOf
    // relations normalise both to full refs.
    const owner =
      random() < SHARE_FULL_OWNER_REFS ? ownerRef(ownerName) : ownerName;
    const systemName = `system-${pad(systemIndex + 1, 3)}`;
    const system =
      random() < SHARE_FULL_SYSTEM_REFS
        ? `system:default/${systemName}`
        : systemName;
    const template =
      random() < SHARE_FROM_TEMPLATE
        ? TEMPLATES[pickTemplate(random)]
        : undefined;
    const chosen = new Set<string>(template ? [template.pattern] : []);
    const wanted = pickPatternCount(random);
    while (chosen.size < wanted) {
      chosen.add(popularity[pickPattern(random)]);
    }
    const declared = [...chosen]
      .map(n =>
        random() < SHARE_FULL_REFS ? `architecturepattern:default/${n}` : n,
      )
      .join(', ');
    const name = `svc-${pad(i + 1, 6)}`;
    const annotations: Record<string, string> = {
      [ANNOTATION_IMPLEMENTS_PATTERNS]: declared,
      'github.com/project-slug': `example-org/${name}`,
      'backstage.io/techdocs-ref': 'dir:.',
    };
    if (template) {
      annotations[
        ANNOTATION_SOURCE_TEMPLATE
      ] = `template:default/${template.name}`;
      annotations[ANNOTATION_TEMPLATE_VERSION] = pickVersion(random);
    }
    return managed({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        description: `Synthetic component ${i + 1} of the adoption benchmark`,
        tags: template ? ['aws', 'cdk'] : ['aws'],
        annotations,
      },
      spec: {
        type: pickType(random),
        lifecycle: pickLifecycle(random),
        owner,
        system,
      },
    });
  }

  const patternsOf = (e: Entity) =>
    e.metadata
      .annotations![ANNOTATION_IMPLEMENTS_PATTERNS].split(',')
      .map(s => s.trim())
      .map(s => (s.includes(':') ? s : `architecturepattern:default/${s}`));

  const cache = new Map<
    number,
    { patterns: Map<string, number>; owners: Map<string, number> }
  >();
  function stats(n: number) {
    let s = cache.get(n);
    if (!s) {
      s = { patterns: new Map(), owners: new Map() };
      for (let i = 0; i < n; i++) {
        const e = component(i);
        for (const p of patternsOf(e)) {
          s.patterns.set(p, (s.patterns.get(p) ?? 0) + 1);
        }
        const o = String(e.spec!.owner).includes(':')
          ? String(e.spec!.owner)
          : ownerRef(String(e.spec!.owner));
        s.owners.set(o, (s.owners.get(o) ?? 0) + 1);
      }
      cache.set(n, s);
    }
    return s;
  }
  const top = (m: Map<string, number>) =>
    [...m.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0][0];

  return {
    patterns,
    groups,
    systems,
    component,
    expectedPatternCounts: n => stats(n).patterns,
    topOwner: n => top(stats(n).owners),
    topPattern: n => top(stats(n).patterns),
  };
}

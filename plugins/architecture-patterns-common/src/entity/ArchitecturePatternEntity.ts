import type { Entity } from '@backstage/catalog-model';
import type { PatternConformance } from '../conformance/types';
import {
  ARCHITECTURE_PATTERN_API_VERSION,
  ARCHITECTURE_PATTERN_KIND,
  PATTERN_CATEGORIES,
  PATTERN_LEVELS,
} from './constants';

/** How far into the subject a pattern goes. */
export type PatternLevel = (typeof PATTERN_LEVELS)[number];

/** The area of architecture a pattern belongs to. */
export type PatternCategory = (typeof PATTERN_CATEGORIES)[number];

/** A box around related diagram nodes: a region, an AZ, a tier... */
export type DiagramGroup = {
  id: string;
  label: string;
  type:
    | 'region'
    | 'az'
    | 'vpc'
    | 'subnet'
    | 'tier'
    | 'account'
    | 'on-premises'
    | 'boundary';
  parent?: string;
};

/** One box of a pattern diagram. */
export type DiagramNode = {
  id: string;
  label: string;
  /** The AWS service behind the node, when there is one. */
  service?: string;
  type?:
    | 'actor'
    | 'compute'
    | 'datastore'
    | 'integration'
    | 'network'
    | 'external';
  group?: string;
  /**
   * The name of a related pattern this node stands for (for example the
   * saga behind a checkout step); the diagram links the node to it.
   */
  pattern?: string;
};

/** A labelled arrow between two nodes. */
export type DiagramEdge = {
  from: string;
  to: string;
  label?: string;
};

/** A pattern diagram as data; the portal lays it out. */
export type PatternDiagram = {
  direction?: 'LR' | 'TB';
  groups?: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
};

/** "Gives X at the cost of Y". */
export type PatternTradeOff = {
  gives: string;
  costs: string;
};

/** A titled table, such as the requirements of a system design. */
export type PatternTable = {
  title: string;
  columns: string[];
  rows: string[][];
};

/** A side-by-side comparison of two or more approaches. */
export type PatternComparison = {
  subjects: string[];
  aspects: Array<{ aspect: string; values: string[] }>;
};

/** The catalog entity describing one architecture pattern. */
export type ArchitecturePatternEntity = Entity & {
  apiVersion: typeof ARCHITECTURE_PATTERN_API_VERSION;
  kind: typeof ARCHITECTURE_PATTERN_KIND;
  metadata: Entity['metadata'] & { title: string; description: string };
  spec: {
    owner: string;
    level: PatternLevel;
    category: PatternCategory;
    body: string;
    diagram: PatternDiagram;
    benefits: string[];
    tradeOffs: PatternTradeOff[];
    whenToUse: string[];
    whenNotToUse: string[];
    awsServices: Array<{ name: string; role: string }>;
    keyDecisions: Array<{
      decision: string;
      options?: string[];
      guidance: string;
    }>;
    relatedPatterns: string[];
    comparison?: PatternComparison;
    tables?: PatternTable[];
    /** How implementing services are checked; patterns with a template have it. */
    conformance?: PatternConformance;
  };
};

/** Whether an entity is an architecture pattern. */
export function isArchitecturePatternEntity(
  entity: Entity,
): entity is ArchitecturePatternEntity {
  return entity.kind.toLocaleLowerCase('en-US') === 'architecturepattern';
}

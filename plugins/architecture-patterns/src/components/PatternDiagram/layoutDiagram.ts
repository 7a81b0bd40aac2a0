import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { PatternDiagram } from '@internal/backstage-plugin-architecture-patterns-common';

/** An axis-aligned box in diagram coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A diagram whose nodes, groups and edges have absolute positions. */
export interface DiagramLayout {
  width: number;
  height: number;
  groups: Array<
    Box & { id: string; label: string; type: string; depth: number }
  >;
  nodes: Array<
    Box & { id: string; label: string; service?: string; type?: string }
  >;
  edges: Array<{
    id: string;
    points: Array<{ x: number; y: number }>;
    label?: Box & { text: string };
  }>;
}

/** Font metrics shared by the layout and the SVG renderer. */
export const DIAGRAM_FONT = {
  labelSize: 13,
  serviceSize: 11,
  edgeLabelSize: 11,
  groupLabelSize: 12,
  // Average advance of a character, as a share of the font size, for the
  // sans-serif fonts Backstage uses; generous so that text always fits.
  charWidth: 0.62,
};

const NODE_PADDING_X = 16;
const NODE_MIN_WIDTH = 96;

function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * DIAGRAM_FONT.charWidth);
}

function nodeSize(node: { label: string; service?: string }) {
  const width = Math.max(
    NODE_MIN_WIDTH,
    textWidth(node.label, DIAGRAM_FONT.labelSize) + 2 * NODE_PADDING_X,
    node.service
      ? textWidth(node.service, DIAGRAM_FONT.serviceSize) + 2 * NODE_PADDING_X
      : 0,
  );
  return { width, height: node.service ? 52 : 36 };
}

const ROOT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.nodeNode': '28',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.edgeNode': '16',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.edgeLabels.inline': 'false',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
};

const GROUP_OPTIONS = {
  'elk.padding': '[top=32,left=14,bottom=14,right=14]',
  'elk.nodeLabels.placement': 'H_LEFT V_TOP INSIDE',
};

/** Builds the ELK graph for a pattern diagram: groups become compound nodes. */
export function toElkGraph(diagram: PatternDiagram): ElkNode {
  const groups = diagram.groups ?? [];
  const byId = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: '__root',
    layoutOptions: {
      ...ROOT_OPTIONS,
      'elk.direction': diagram.direction === 'TB' ? 'DOWN' : 'RIGHT',
    },
    children: [],
    edges: [],
  };

  for (const group of groups) {
    byId.set(group.id, {
      id: group.id,
      layoutOptions: GROUP_OPTIONS,
      labels: [
        {
          text: group.label,
          width: textWidth(group.label, DIAGRAM_FONT.groupLabelSize),
          height: 16,
        },
      ],
      children: [],
    });
  }
  for (const group of groups) {
    const parent = group.parent ? byId.get(group.parent) : root;
    (parent ?? root).children!.push(byId.get(group.id)!);
  }
  for (const node of diagram.nodes) {
    const parent = node.group ? byId.get(node.group) : root;
    (parent ?? root).children!.push({ id: node.id, ...nodeSize(node) });
  }
  root.edges = diagram.edges.map(
    (edge, i): ElkExtendedEdge => ({
      id: `e${i}`,
      sources: [edge.from],
      targets: [edge.to],
      labels: edge.label
        ? [
            {
              text: edge.label,
              width: textWidth(edge.label, DIAGRAM_FONT.edgeLabelSize) + 8,
              height: 16,
            },
          ]
        : [],
    }),
  );
  return root;
}

/** Turns ELK's parent-relative coordinates into absolute ones. */
export function fromElkLayout(
  diagram: PatternDiagram,
  laidOut: ElkNode,
): DiagramLayout {
  const offsets = new Map<string, { x: number; y: number; depth: number }>();
  const boxes = new Map<string, Box>();
  const visit = (node: ElkNode, ox: number, oy: number, depth: number) => {
    const x = ox + (node.x ?? 0);
    const y = oy + (node.y ?? 0);
    offsets.set(node.id, { x, y, depth });
    boxes.set(node.id, {
      x,
      y,
      width: node.width ?? 0,
      height: node.height ?? 0,
    });
    node.children?.forEach(child => visit(child, x, y, depth + 1));
  };
  visit(laidOut, 0, 0, -1);

  const groupInfo = new Map((diagram.groups ?? []).map(g => [g.id, g]));
  const nodeInfo = new Map(diagram.nodes.map(n => [n.id, n]));

  const edges: DiagramLayout['edges'] = [];
  const collectEdges = (node: ElkNode) => {
    for (const edge of node.edges ?? []) {
      const container = (edge as { container?: string }).container ?? node.id;
      const origin = offsets.get(container) ?? { x: 0, y: 0 };
      const points = (edge.sections ?? []).flatMap(section => [
        section.startPoint,
        ...(section.bendPoints ?? []),
        section.endPoint,
      ]);
      const label = edge.labels?.[0];
      edges.push({
        id: edge.id,
        points: points.map(p => ({ x: p.x + origin.x, y: p.y + origin.y })),
        label: label?.text
          ? {
              text: label.text,
              x: (label.x ?? 0) + origin.x,
              y: (label.y ?? 0) + origin.y,
              width: label.width ?? 0,
              height: label.height ?? 0,
            }
          : undefined,
      });
    }
    node.children?.forEach(collectEdges);
  };
  collectEdges(laidOut);

  return {
    width: Math.ceil(laidOut.width ?? 0),
    height: Math.ceil(laidOut.height ?? 0),
    groups: [...groupInfo.values()].map(g => ({
      ...boxes.get(g.id)!,
      id: g.id,
      label: g.label,
      type: g.type,
      depth: offsets.get(g.id)!.depth,
    })),
    nodes: [...nodeInfo.values()].map(n => ({
      ...boxes.get(n.id)!,
      id: n.id,
      label: n.label,
      service: n.service,
      type: n.type,
    })),
    edges,
  };
}

/**
 * Lays out a pattern diagram with ELK's layered algorithm. ELK is loaded on
 * demand so that it only weighs on pages that draw a diagram.
 */
export async function layoutDiagram(
  diagram: PatternDiagram,
): Promise<DiagramLayout> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const layout = async (direction: 'LR' | 'TB') =>
    fromElkLayout(
      diagram,
      await elk.layout(toElkGraph({ ...diagram, direction })),
    );
  if (diagram.direction) {
    return layout(diagram.direction);
  }
  // No direction given: take whichever reads better on a page.
  const [across, down] = await Promise.all([layout('LR'), layout('TB')]);
  return pageFit(across) <= pageFit(down) ? across : down;
}

/** How far a layout overflows a page; readers scroll down more readily than across. */
export function pageFit(layout: { width: number; height: number }): number {
  return Math.max(layout.width / 1100, layout.height / 1400);
}

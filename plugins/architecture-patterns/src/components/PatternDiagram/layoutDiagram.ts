import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { PatternDiagram } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

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
    Box & {
      id: string;
      label: string;
      service?: string;
      type?: string;
      pattern?: string;
    }
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

const NODE_PADDING_X = 8;
const NODE_MIN_WIDTH = 88;

/**
 * Node geometry: the service's icon on top, its label and service name
 * below, as on AWS architecture diagrams.
 */
export const NODE_ICON = {
  size: 40,
  top: 6,
  /** Baseline of the label, below the icon. */
  labelBaseline: 6 + 40 + 18,
  /** Baseline of the service name, below the label. */
  serviceBaseline: 6 + 40 + 18 + 15,
};

/** Corner icon of a group (the AWS group icons are drawn 24 px square). */
export const GROUP_ICON_SIZE = 24;

/**
 * Sibling groups of these types are peers (the Regions of a multi-Region
 * pattern): they are laid out side by side, and edges between them
 * (replication) do not push one below the other.
 */
const PEER_GROUP_TYPES = new Set(['region']);

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
  return {
    width,
    height:
      (node.service ? NODE_ICON.serviceBaseline : NODE_ICON.labelBaseline) + 6,
  };
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
  // Centred in the top row, so ELK reserves its height there (a left-hand
  // label would widen the group's left padding instead); the renderer draws
  // it at the left, after the group's icon, and the group is at least as
  // wide as icon and label (elk.nodeSize.minimum, per group).
  'elk.nodeLabels.placement': 'H_CENTER V_TOP INSIDE',
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
};

const PEER_JOINT = '__joint_e';
const PEER_FROM = '__from';
const PEER_TO = '__to';

/** The chain of groups a node sits in, innermost first. */
function groupChain(diagram: PatternDiagram, nodeId: string): string[] {
  const parents = new Map((diagram.groups ?? []).map(g => [g.id, g.parent]));
  const chain: string[] = [];
  let group = diagram.nodes.find(n => n.id === nodeId)?.group;
  while (group && !chain.includes(group)) {
    chain.push(group);
    group = parents.get(group);
  }
  return chain;
}

/** Sibling groups of a peer type (two Regions side by side), by group id. */
export function peerGroups(diagram: PatternDiagram): Set<string> {
  const groups = diagram.groups ?? [];
  const peers = new Set<string>();
  for (const a of groups) {
    if (!PEER_GROUP_TYPES.has(a.type)) continue;
    const siblings = groups.filter(
      b => b.id !== a.id && b.type === a.type && b.parent === a.parent,
    );
    if (siblings.length > 0) peers.add(a.id);
  }
  return peers;
}

/** Indexes of the edges that join two different peer groups. */
export function peerEdges(diagram: PatternDiagram): Set<number> {
  const peers = peerGroups(diagram);
  const result = new Set<number>();
  diagram.edges.forEach((edge, i) => {
    const from = groupChain(diagram, edge.from).find(g => peers.has(g));
    const to = groupChain(diagram, edge.to).find(g => peers.has(g));
    if (from && to && from !== to) result.add(i);
  });
  return result;
}

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
    // Room for the group's corner icon before the label.
    const labelWidth =
      GROUP_ICON_SIZE + 8 + textWidth(group.label, DIAGRAM_FONT.groupLabelSize);
    byId.set(group.id, {
      id: group.id,
      layoutOptions: {
        ...GROUP_OPTIONS,
        // ELK (0.12) applies a compound node's minimum size before turning
        // a downward layout, so it takes (height, width) there.
        'elk.nodeSize.minimum':
          diagram.direction === 'TB'
            ? `(48,${labelWidth + 12})`
            : `(${labelWidth + 12},48)`,
      },
      labels: [{ text: group.label, width: labelWidth, height: 16 }],
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
  const peers = peerEdges(diagram);
  root.edges = diagram.edges.flatMap((edge, i): ElkExtendedEdge[] => {
    const labels = edge.label
      ? [
          {
            text: edge.label,
            width: textWidth(edge.label, DIAGRAM_FONT.edgeLabelSize) + 8,
            height: 16,
          },
        ]
      : [];
    if (!peers.has(i)) {
      return [
        { id: `e${i}`, sources: [edge.from], targets: [edge.to], labels },
      ];
    }
    // An edge between peer groups meets the other end at a joint below both
    // (its label), so neither group is layered after the other.
    root.children!.push({
      id: `${PEER_JOINT}${i}`,
      width: labels[0]?.width ?? 8,
      height: labels[0] ? 18 : 8,
    });
    return [
      {
        id: `e${i}${PEER_FROM}`,
        sources: [edge.from],
        targets: [`${PEER_JOINT}${i}`],
      },
      {
        id: `e${i}${PEER_TO}`,
        sources: [edge.to],
        targets: [`${PEER_JOINT}${i}`],
      },
    ];
  });
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

  const routed = new Map<string, DiagramLayout['edges'][number]>();
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
      routed.set(edge.id, {
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

  const edges: DiagramLayout['edges'] = diagram.edges.map((edge, i) => {
    const direct = routed.get(`e${i}`);
    if (direct) return direct;
    // A peer edge: from its source down to the joint, then up to its target.
    const there = routed.get(`e${i}${PEER_FROM}`)?.points ?? [];
    const back = routed.get(`e${i}${PEER_TO}`)?.points ?? [];
    const joint = boxes.get(`${PEER_JOINT}${i}`)!;
    return {
      id: `e${i}`,
      points: [...there, ...[...back].reverse()],
      label: edge.label
        ? {
            text: edge.label,
            ...joint,
            y: joint.y + 2,
            height: joint.height - 2,
          }
        : undefined,
    };
  });

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
      pattern: n.pattern,
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
  // Peer groups (Regions) sit side by side: layers run down the page.
  if (peerGroups(diagram).size > 0) {
    return layout('TB');
  }
  // No direction given: take whichever reads better on a page.
  const [across, down] = await Promise.all([layout('LR'), layout('TB')]);
  return pageFit(across) <= pageFit(down) ? across : down;
}

/** How far a layout overflows a page; readers scroll down more readily than across. */
export function pageFit(layout: { width: number; height: number }): number {
  return Math.max(layout.width / 1100, layout.height / 1400);
}

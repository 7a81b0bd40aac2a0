/* eslint-disable no-restricted-imports -- the test reads the pattern library from disk */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import type { ArchitecturePatternEntity } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  Box,
  DIAGRAM_FONT,
  GROUP_ICON_SIZE,
  layoutDiagram,
  pageFit,
  peerGroups,
} from './layoutDiagram';

const libraryDir = path.resolve(
  __dirname,
  '../../../../architecture-patterns-common/library/patterns',
);
const library: ArchitecturePatternEntity[] = fs
  .readdirSync(libraryDir)
  .filter(file => file.endsWith('.yaml'))
  .map(file => parse(fs.readFileSync(path.join(libraryDir, file), 'utf8')));

function overlaps(a: Box, b: Box) {
  return (
    a.x < b.x + b.width &&
    b.x < a.x + a.width &&
    a.y < b.y + b.height &&
    b.y < a.y + a.height
  );
}

function contains(outer: Box, inner: Box) {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

describe('layoutDiagram', () => {
  it('has the whole library to lay out', () => {
    expect(library.length).toBeGreaterThanOrEqual(21);
  });

  describe.each(library.map(p => [p.metadata.name, p] as const))(
    '%s',
    (_name, pattern) => {
      let layout: Awaited<ReturnType<typeof layoutDiagram>>;
      beforeAll(async () => {
        layout = await layoutDiagram(pattern.spec.diagram);
      });

      it('places every node without overlapping another', () => {
        expect(layout.nodes).toHaveLength(pattern.spec.diagram.nodes.length);
        for (const [i, a] of layout.nodes.entries()) {
          for (const b of layout.nodes.slice(i + 1)) {
            expect({ a: a.id, b: b.id, overlap: overlaps(a, b) }).toEqual({
              a: a.id,
              b: b.id,
              overlap: false,
            });
          }
        }
      });

      it('keeps edge labels off the nodes and off each other', () => {
        const labels = layout.edges.flatMap(e => (e.label ? [e.label] : []));
        expect(labels).toHaveLength(
          pattern.spec.diagram.edges.filter(e => e.label).length,
        );
        for (const [i, label] of labels.entries()) {
          for (const node of layout.nodes) {
            expect({
              label: label.text,
              node: node.id,
              overlap: overlaps(label, node),
            }).toEqual({ label: label.text, node: node.id, overlap: false });
          }
          for (const other of labels.slice(i + 1)) {
            expect({
              a: label.text,
              b: other.text,
              overlap: overlaps(label, other),
            }).toEqual({ a: label.text, b: other.text, overlap: false });
          }
        }
      });

      it('draws each node inside its group and groups inside their parents', () => {
        const groups = new Map(layout.groups.map(g => [g.id, g]));
        for (const node of pattern.spec.diagram.nodes.filter(n => n.group)) {
          const box = layout.nodes.find(n => n.id === node.id)!;
          expect(contains(groups.get(node.group!)!, box)).toBe(true);
        }
        const nested = (pattern.spec.diagram.groups ?? []).filter(
          g => g.parent,
        );
        for (const group of nested) {
          expect(
            contains(groups.get(group.parent!)!, groups.get(group.id)!),
          ).toBe(true);
        }
      });

      it('makes every group wide enough for its icon and label', () => {
        for (const group of layout.groups) {
          const label =
            GROUP_ICON_SIZE +
            8 +
            group.label.length *
              DIAGRAM_FONT.groupLabelSize *
              DIAGRAM_FONT.charWidth;
          expect({ group: group.id, fits: group.width >= label }).toEqual({
            group: group.id,
            fits: true,
          });
        }
      });

      it('routes every edge with a start and an end point', () => {
        expect(layout.edges).toHaveLength(pattern.spec.diagram.edges.length);
        for (const edge of layout.edges) {
          expect(edge.points.length).toBeGreaterThanOrEqual(2);
        }
      });
    },
  );
});

describe('peer groups', () => {
  const multiRegion = library.filter(p => peerGroups(p.spec.diagram).size > 0);

  it('are the Regions of the multi-Region patterns', () => {
    expect(multiRegion.map(p => p.metadata.name)).toEqual(
      expect.arrayContaining([
        'multi-site-active-active-dr',
        'dr-backup-restore',
        'dr-pilot-light',
        'dr-warm-standby',
        'global-ecommerce-platform',
      ]),
    );
  });

  it.each(multiRegion.map(p => [p.metadata.name, p] as const))(
    'sit side by side in %s, with the replication between them drawn',
    async (_name, pattern) => {
      const { diagram } = pattern.spec;
      const layout = await layoutDiagram(diagram);
      const peers = layout.groups
        .filter(g => peerGroups(diagram).has(g.id))
        .sort((a, b) => a.x - b.x);
      for (const [i, left] of peers.slice(0, -1).entries()) {
        const right = peers[i + 1];
        // Next to each other: one row, no horizontal overlap.
        expect(left.x + left.width).toBeLessThanOrEqual(right.x);
        expect(right.y).toBeLessThan(left.y + left.height);
        expect(left.y).toBeLessThan(right.y + right.height);
      }
      // Every edge between two Regions still joins its two nodes.
      const inGroup = new Map(diagram.nodes.map(n => [n.id, n.group]));
      diagram.edges.forEach((edge, i) => {
        const from = inGroup.get(edge.from);
        const to = inGroup.get(edge.to);
        if (!from || !to || from === to) return;
        const points = layout.edges[i].points;
        const touches = (id: string, p: { x: number; y: number }) => {
          const node = layout.nodes.find(n => n.id === id)!;
          return (
            p.x >= node.x - 1 &&
            p.x <= node.x + node.width + 1 &&
            p.y >= node.y - 1 &&
            p.y <= node.y + node.height + 1
          );
        };
        expect(touches(edge.from, points[0])).toBe(true);
        expect(touches(edge.to, points[points.length - 1])).toBe(true);
      });
    },
  );
});

describe('choosing a direction', () => {
  it('keeps a direction the pattern asks for', async () => {
    const diagram = library.find(p => p.spec.diagram.direction === 'TB')!.spec
      .diagram;
    const layout = await layoutDiagram(diagram);
    const client = layout.nodes[0];
    const last = layout.nodes[layout.nodes.length - 1];
    expect(last.y).toBeGreaterThan(client.y);
  });

  it('picks, when none is given, the direction that fits a page better', async () => {
    const diagram = {
      nodes: Array.from({ length: 8 }, (_, i) => ({
        id: `n${i}`,
        label: `Step number ${i}`,
      })),
      edges: Array.from({ length: 7 }, (_, i) => ({
        from: `n${i}`,
        to: `n${i + 1}`,
      })),
    };
    const chosen = await layoutDiagram(diagram);
    const across = await layoutDiagram({ ...diagram, direction: 'LR' });
    const down = await layoutDiagram({ ...diagram, direction: 'TB' });
    expect(pageFit(chosen)).toBe(Math.min(pageFit(across), pageFit(down)));
    // A chain of eight steps is far too wide across a page: it runs down.
    expect(chosen.height).toBeGreaterThan(chosen.width);
  });
});

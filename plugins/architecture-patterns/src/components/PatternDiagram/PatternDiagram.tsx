import { useTheme } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type { PatternDiagram as PatternDiagramData } from '@internal/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import { DIAGRAM_FONT, DiagramLayout, layoutDiagram } from './layoutDiagram';

const GROUP_FILL: Record<string, string> = {
  region: 'rgba(33, 150, 243, 0.06)',
  az: 'rgba(76, 175, 80, 0.07)',
  vpc: 'rgba(156, 39, 176, 0.05)',
  subnet: 'rgba(0, 150, 136, 0.07)',
  tier: 'rgba(255, 152, 0, 0.07)',
  account: 'rgba(96, 125, 139, 0.07)',
  'on-premises': 'rgba(121, 85, 72, 0.08)',
  boundary: 'rgba(158, 158, 158, 0.06)',
};

function pathOf(points: Array<{ x: number; y: number }>) {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}

/** Draws a laid-out diagram as SVG. */
export function DiagramSvg(props: { layout: DiagramLayout; title: string }) {
  const { layout, title } = props;
  const theme = useTheme();
  const text = theme.palette.text.primary;
  const muted = theme.palette.text.secondary;
  const nodeFill = theme.palette.background.paper;
  const accent = theme.palette.primary.main;
  const markerId = 'pattern-diagram-arrow';

  return (
    <svg
      role="img"
      aria-label={`Diagram: ${title}`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      // Fit the card, but shrink text no further than 70%: wider diagrams scroll.
      style={{
        display: 'block',
        margin: '0 auto',
        width: '100%',
        maxWidth: layout.width,
        minWidth: Math.round(layout.width * 0.7),
        height: 'auto',
      }}
      fontFamily={theme.typography.fontFamily}
    >
      <defs>
        <marker
          id={markerId}
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill={muted} />
        </marker>
      </defs>
      {[...layout.groups]
        .sort((a, b) => a.depth - b.depth)
        .map(group => (
          <g key={group.id} data-testid={`diagram-group-${group.id}`}>
            <rect
              x={group.x}
              y={group.y}
              width={group.width}
              height={group.height}
              rx={8}
              fill={GROUP_FILL[group.type] ?? GROUP_FILL.boundary}
              stroke={muted}
              strokeDasharray={
                group.type === 'az' || group.type === 'subnet'
                  ? '4 3'
                  : undefined
              }
            />
            <text
              x={group.x + 12}
              y={group.y + 20}
              fontSize={DIAGRAM_FONT.groupLabelSize}
              fontWeight={600}
              fill={muted}
            >
              {group.label}
            </text>
          </g>
        ))}
      {layout.edges.map(edge => (
        <g key={edge.id}>
          <path
            d={pathOf(edge.points)}
            fill="none"
            stroke={muted}
            strokeWidth={1.4}
            markerEnd={`url(#${markerId})`}
          />
        </g>
      ))}
      {layout.nodes.map(node => (
        <g key={node.id} data-testid={`diagram-node-${node.id}`}>
          <rect
            x={node.x}
            y={node.y}
            width={node.width}
            height={node.height}
            rx={node.type === 'actor' ? node.height / 2 : 6}
            fill={nodeFill}
            stroke={node.service ? accent : muted}
            strokeWidth={1.5}
          />
          <text
            x={node.x + node.width / 2}
            y={node.y + (node.service ? 21 : node.height / 2 + 5)}
            textAnchor="middle"
            fontSize={DIAGRAM_FONT.labelSize}
            fontWeight={600}
            fill={text}
          >
            {node.label}
          </text>
          {node.service && (
            <text
              x={node.x + node.width / 2}
              y={node.y + 39}
              textAnchor="middle"
              fontSize={DIAGRAM_FONT.serviceSize}
              fill={muted}
            >
              {node.service}
            </text>
          )}
        </g>
      ))}
      {layout.edges.map(
        edge =>
          edge.label && (
            <g key={`${edge.id}-label`}>
              <rect
                x={edge.label.x}
                y={edge.label.y}
                width={edge.label.width}
                height={edge.label.height}
                rx={3}
                fill={nodeFill}
                opacity={0.92}
              />
              <text
                x={edge.label.x + edge.label.width / 2}
                y={edge.label.y + 12}
                textAnchor="middle"
                fontSize={DIAGRAM_FONT.edgeLabelSize}
                fill={text}
              >
                {edge.label.text}
              </text>
            </g>
          ),
      )}
    </svg>
  );
}

/** Lays out a pattern's diagram and draws it. */
export function PatternDiagram(props: {
  diagram: PatternDiagramData;
  title: string;
}) {
  const { diagram, title } = props;
  const { value, loading, error } = useAsync(
    () => layoutDiagram(diagram),
    [diagram],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return value ? (
    <div style={{ overflowX: 'auto' }}>
      <DiagramSvg layout={value} title={title} />
    </div>
  ) : null;
}

import { forwardRef } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { groupStyle, nodeIcon } from './awsIcons';
import {
  DIAGRAM_FONT,
  DiagramLayout,
  GROUP_ICON_SIZE,
  NODE_ICON,
} from './layoutDiagram';

function pathOf(points: Array<{ x: number; y: number }>) {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
}

const MARKER_ID = 'pattern-diagram-arrow';

/**
 * Draws a laid-out diagram as SVG, in the style of AWS architecture
 * diagrams: each node is its service's AWS Architecture Icon with the label
 * below, and groups carry the AWS group styles (Region, VPC, subnets,
 * account...). One image for assistive technology; `describedBy` points at
 * its text description.
 */
export const DiagramSvg = forwardRef<
  SVGSVGElement,
  { layout: DiagramLayout; title: string; describedBy?: string }
>(function DrawDiagram(props, ref) {
  const { layout, title, describedBy } = props;
  const theme = useTheme();
  const text = theme.palette.text.primary;
  const muted = theme.palette.text.secondary;
  const link = theme.palette.primary.main;

  return (
    <svg
      ref={ref}
      role="img"
      aria-label={`Diagram: ${title}`}
      aria-describedby={describedBy}
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      style={{ display: 'block', width: '100%', height: 'auto' }}
      fontFamily={theme.typography.fontFamily}
    >
      <defs>
        <marker
          id={MARKER_ID}
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
        .map(group => {
          const style = groupStyle(group);
          return (
            <g key={group.id} data-testid={`diagram-group-${group.id}`}>
              <rect
                x={group.x}
                y={group.y}
                width={group.width}
                height={group.height}
                fill={style.fill}
                stroke={style.stroke}
                strokeWidth={1.5}
                strokeDasharray={style.dashed ? '6 4' : undefined}
              />
              {style.icon && (
                <image
                  href={style.icon}
                  x={group.x}
                  y={group.y}
                  width={GROUP_ICON_SIZE}
                  height={GROUP_ICON_SIZE}
                />
              )}
              <text
                x={group.x + (style.icon ? GROUP_ICON_SIZE + 8 : 10)}
                y={group.y + 17}
                fontSize={DIAGRAM_FONT.groupLabelSize}
                fontWeight={600}
                fill={text}
              >
                {group.label}
              </text>
            </g>
          );
        })}
      {layout.edges.map(edge => (
        <path
          key={edge.id}
          d={pathOf(edge.points)}
          fill="none"
          stroke={muted}
          strokeWidth={1.4}
          markerEnd={`url(#${MARKER_ID})`}
        />
      ))}
      {layout.nodes.map(node => {
        const icon = nodeIcon(node);
        const iconX = node.x + (node.width - NODE_ICON.size) / 2;
        const iconY = node.y + NODE_ICON.top;
        return (
          <g key={node.id} data-testid={`diagram-node-${node.id}`}>
            {icon.neutral && (
              <rect
                x={iconX - 2}
                y={iconY - 2}
                width={NODE_ICON.size + 4}
                height={NODE_ICON.size + 4}
                rx={6}
                fill="#ffffff"
              />
            )}
            <image
              href={icon.href}
              x={iconX}
              y={iconY}
              width={NODE_ICON.size}
              height={NODE_ICON.size}
            />
            <text
              x={node.x + node.width / 2}
              y={node.y + NODE_ICON.labelBaseline}
              textAnchor="middle"
              fontSize={DIAGRAM_FONT.labelSize}
              fontWeight={600}
              fill={node.pattern ? link : text}
              textDecoration={node.pattern ? 'underline' : undefined}
            >
              {node.label}
            </text>
            {node.service && (
              <text
                x={node.x + node.width / 2}
                y={node.y + NODE_ICON.serviceBaseline}
                textAnchor="middle"
                fontSize={DIAGRAM_FONT.serviceSize}
                fill={muted}
              >
                {node.service}
              </text>
            )}
          </g>
        );
      })}
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
                fill={theme.palette.background.paper}
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
});

import type { PatternDiagram } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** A node as a screen reader hears it: label, service and the groups around it. */
export function describeNode(diagram: PatternDiagram, nodeId: string): string {
  const groups = new Map((diagram.groups ?? []).map(g => [g.id, g]));
  const node = diagram.nodes.find(n => n.id === nodeId)!;
  const where: string[] = [];
  for (
    let group = node.group ? groups.get(node.group) : undefined;
    group && !where.includes(group.label);
    group = group.parent ? groups.get(group.parent) : undefined
  ) {
    where.push(group.label);
  }
  return [
    node.label,
    node.service ? ` (${node.service})` : '',
    where.length > 0 ? `, in ${where.join(', in ')}` : '',
  ].join('');
}

/**
 * The diagram as text for screen readers: every component with its AWS
 * service and the groups it sits in (Region, VPC, subnet...), then every
 * connection with its label. The SVG points at it with aria-describedby.
 */
export function DiagramDescription(props: {
  id: string;
  title: string;
  diagram: PatternDiagram;
}) {
  const { id, title, diagram } = props;
  const labels = new Map(diagram.nodes.map(n => [n.id, n.label]));
  return (
    <div id={id} style={visuallyHidden} data-testid="diagram-description">
      <p>
        {title}: {diagram.nodes.length} components and {diagram.edges.length}{' '}
        connections.
      </p>
      <p>Components:</p>
      <ul>
        {diagram.nodes.map(node => (
          <li key={node.id}>{describeNode(diagram, node.id)}</li>
        ))}
      </ul>
      <p>Connections:</p>
      <ul>
        {diagram.edges.map((edge, i) => (
          <li key={i}>
            {labels.get(edge.from)} to {labels.get(edge.to)}
            {edge.label ? `: ${edge.label}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

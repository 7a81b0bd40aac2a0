import type { PatternDiagram } from './ArchitecturePatternEntity';

/**
 * Checks what a JSON schema cannot: that every id a diagram refers to exists
 * and is unique. Returns one message per problem, naming the field.
 */
export function findDiagramReferenceErrors(diagram: PatternDiagram): string[] {
  const errors: string[] = [];
  const groups = diagram.groups ?? [];
  const groupIds = new Set<string>();
  const nodeIds = new Set<string>();

  groups.forEach((group, i) => {
    if (groupIds.has(group.id) || nodeIds.has(group.id)) {
      errors.push(`spec.diagram.groups[${i}].id "${group.id}" is not unique`);
    }
    groupIds.add(group.id);
  });
  diagram.nodes.forEach((node, i) => {
    if (nodeIds.has(node.id) || groupIds.has(node.id)) {
      errors.push(`spec.diagram.nodes[${i}].id "${node.id}" is not unique`);
    }
    nodeIds.add(node.id);
  });
  groups.forEach((group, i) => {
    if (group.parent !== undefined && !groupIds.has(group.parent)) {
      errors.push(
        `spec.diagram.groups[${i}].parent "${group.parent}" is not a group id`,
      );
    }
  });
  diagram.nodes.forEach((node, i) => {
    if (node.group !== undefined && !groupIds.has(node.group)) {
      errors.push(
        `spec.diagram.nodes[${i}].group "${node.group}" is not a group id`,
      );
    }
  });
  diagram.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!nodeIds.has(edge[end])) {
        errors.push(
          `spec.diagram.edges[${i}].${end} "${edge[end]}" is not a node id`,
        );
      }
    }
  });
  return errors;
}

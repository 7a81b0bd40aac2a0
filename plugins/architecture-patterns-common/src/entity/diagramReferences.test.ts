import { findDiagramReferenceErrors } from './diagramReferences';
import type { PatternDiagram } from './ArchitecturePatternEntity';

function diagram(): PatternDiagram {
  return {
    direction: 'LR',
    groups: [
      { id: 'region', label: 'eu-west-1', type: 'region' },
      { id: 'vpc', label: 'VPC', type: 'vpc', parent: 'region' },
    ],
    nodes: [
      { id: 'user', label: 'Users', type: 'actor' },
      { id: 'alb', label: 'ALB', group: 'vpc' },
      { id: 'app', label: 'App', group: 'vpc' },
    ],
    edges: [
      { from: 'user', to: 'alb' },
      { from: 'alb', to: 'app', label: 'HTTP' },
      { from: 'app', to: 'alb' },
    ],
  };
}

describe('findDiagramReferenceErrors', () => {
  it('returns nothing for a consistent diagram', () => {
    expect(findDiagramReferenceErrors(diagram())).toEqual([]);
  });

  it('accepts a diagram without groups or edges', () => {
    expect(
      findDiagramReferenceErrors({
        nodes: [{ id: 'only', label: 'Only node' }],
        edges: [],
      }),
    ).toEqual([]);
  });

  it('names an edge target that is not a node', () => {
    const d = diagram();
    d.edges[2].to = 'db';
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.edges[2].to "db" is not a node id',
    ]);
  });

  it('names an edge source that is not a node', () => {
    const d = diagram();
    d.edges[0].from = 'browser';
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.edges[0].from "browser" is not a node id',
    ]);
  });

  it('reports both ends of an edge when both are unknown', () => {
    const d = diagram();
    d.edges[1] = { from: 'a', to: 'b' };
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.edges[1].from "a" is not a node id',
      'spec.diagram.edges[1].to "b" is not a node id',
    ]);
  });

  it('does not accept a group id as an edge endpoint', () => {
    const d = diagram();
    d.edges[0].to = 'vpc';
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.edges[0].to "vpc" is not a node id',
    ]);
  });

  it('names a node whose group does not exist', () => {
    const d = diagram();
    d.nodes[2].group = 'subnet';
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.nodes[2].group "subnet" is not a group id',
    ]);
  });

  it('names a node group when the diagram has no groups at all', () => {
    const d = diagram();
    delete d.groups;
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.nodes[1].group "vpc" is not a group id',
      'spec.diagram.nodes[2].group "vpc" is not a group id',
    ]);
  });

  it('names a group whose parent does not exist', () => {
    const d = diagram();
    d.groups![1].parent = 'account';
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.groups[1].parent "account" is not a group id',
    ]);
  });

  it('does not accept a node id as a group parent', () => {
    const d = diagram();
    d.groups![1].parent = 'user';
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.groups[1].parent "user" is not a group id',
    ]);
  });

  it('names a duplicate node id', () => {
    const d = diagram();
    d.nodes[2].id = 'alb';
    d.edges = [{ from: 'user', to: 'alb' }];
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.nodes[2].id "alb" is not unique',
    ]);
  });

  it('names a duplicate group id', () => {
    const d = diagram();
    d.groups!.push({ id: 'region', label: 'Second region', type: 'region' });
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.groups[2].id "region" is not unique',
    ]);
  });

  it('names a node that reuses a group id', () => {
    const d = diagram();
    d.nodes[0].id = 'region';
    d.edges = [{ from: 'alb', to: 'app' }];
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.nodes[0].id "region" is not unique',
    ]);
  });

  it('reports every problem at once', () => {
    const d = diagram();
    d.groups![0].parent = 'nowhere';
    d.nodes[1].group = 'elsewhere';
    d.edges[2].to = 'db';
    expect(findDiagramReferenceErrors(d)).toEqual([
      'spec.diagram.groups[0].parent "nowhere" is not a group id',
      'spec.diagram.nodes[1].group "elsewhere" is not a group id',
      'spec.diagram.edges[2].to "db" is not a node id',
    ]);
  });
});

import { patternFacetsRequest, patternListRequest } from './patternQueries';

describe('pattern catalog queries', () => {
  it('asks only for patterns, with a limit and without bodies or diagrams', () => {
    const request = patternListRequest({});
    expect(request.filter).toEqual({ kind: 'ArchitecturePattern' });
    expect(request.limit).toBeGreaterThan(0);
    expect(request.fields).not.toContain('spec.body');
    expect(request.fields).not.toContain('spec.diagram');
    expect(request.fullTextFilter).toBeUndefined();
  });

  it('turns each user filter into a server-side filter', () => {
    const request = patternListRequest({
      level: 'advanced',
      category: 'event-driven',
      service: 'Amazon EventBridge',
      text: '  fan-out ',
    });
    expect(request.filter).toEqual({
      kind: 'ArchitecturePattern',
      'spec.level': 'advanced',
      'spec.category': 'event-driven',
      'spec.awsServices.name': 'Amazon EventBridge',
    });
    expect(request.fullTextFilter?.term).toBe('fan-out');
  });

  it('counts filter options with facets of the pattern kind only', () => {
    expect(patternFacetsRequest()).toEqual({
      filter: { kind: 'ArchitecturePattern' },
      facets: ['spec.level', 'spec.category', 'spec.awsServices.name'],
    });
  });
});

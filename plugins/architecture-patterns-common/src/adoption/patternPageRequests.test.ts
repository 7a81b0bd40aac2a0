import { adoptersRequest } from './patternPageRequests';

describe('the pattern page requests', () => {
  it('fetches adopters through the relation index, one page at a time', () => {
    const request = adoptersRequest('architecturepattern:default/cqrs', 10);
    expect(request.filter).toEqual({
      'relations.implementsPattern': 'architecturepattern:default/cqrs',
      kind: ['Component', 'System', 'Resource'],
    });
    expect(request.limit).toBe(10);
    expect(request.orderFields).toEqual([
      { field: 'metadata.name', order: 'asc' },
    ]);
  });

  it('asks only for the adopters the catalog labelled with a verdict', () => {
    const request = adoptersRequest(
      'architecturepattern:default/cqrs',
      10,
      'non-conforming',
    );
    expect(Object.keys(request.filter as object)).toHaveLength(3);
    expect(Object.values(request.filter as object)).toContain('non-conforming');
  });
});

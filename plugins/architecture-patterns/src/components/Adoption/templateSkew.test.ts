import { compareVersions, computeSkew } from './templateSkew';

const facet = (counts: Record<string, number>) =>
  Object.entries(counts).map(([value, count]) => ({ value, count }));

describe('compareVersions', () => {
  it('compares each part as a number, not as text', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.9.0', '1.10.0')).toBeLessThan(0);
    expect(compareVersions('2.0.0', '1.99.99')).toBeGreaterThan(0);
    expect(compareVersions('1.0.10', '1.0.9')).toBeGreaterThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
  });

  it('treats missing parts as zero', () => {
    expect(compareVersions('1.2', '1.1.9')).toBeGreaterThan(0);
    expect(compareVersions('1', '0.9.9')).toBeGreaterThan(0);
  });

  it('sorts versions like semver', () => {
    const sorted = [
      '1.9.0',
      '1.10.0',
      '0.9.1',
      '1.2.0',
      '10.0.0',
      '2.0.0',
    ].sort(compareVersions);
    expect(sorted).toEqual([
      '0.9.1',
      '1.2.0',
      '1.9.0',
      '1.10.0',
      '2.0.0',
      '10.0.0',
    ]);
  });
});

describe('computeSkew', () => {
  it('counts adopters on the current version and behind it', () => {
    const skew = computeSkew(
      '1.10.0',
      facet({ '1.9.0': 2, '1.10.0': 3, '1.2.0': 1 }),
    );

    expect(skew).toEqual({
      current: '1.10.0',
      total: 6,
      upToDate: 3,
      behind: 3,
      versions: [
        { version: '1.10.0', count: 3, isCurrent: true, isBehind: false },
        { version: '1.9.0', count: 2, isCurrent: false, isBehind: true },
        { version: '1.2.0', count: 1, isCurrent: false, isBehind: true },
      ],
      olderVersions: ['1.9.0', '1.2.0'],
    });
  });

  it('lists versions newest first, whatever order the facet has', () => {
    const skew = computeSkew(
      '1.0.0',
      facet({ '1.0.0': 1, '0.10.0': 1, '0.9.0': 1, '0.2.0': 1 }),
    );

    expect(skew.versions.map(v => v.version)).toEqual([
      '1.0.0',
      '0.10.0',
      '0.9.0',
      '0.2.0',
    ]);
    expect(skew.olderVersions).toEqual(['0.10.0', '0.9.0', '0.2.0']);
  });

  it('counts versions newer than the current one (a rollback) as neither', () => {
    const skew = computeSkew(
      '1.9.0',
      facet({ '1.10.0': 4, '1.9.0': 2, '1.8.0': 1 }),
    );

    expect(skew.total).toBe(7);
    expect(skew.upToDate).toBe(2);
    expect(skew.behind).toBe(1);
    expect(skew.versions[0]).toEqual({
      version: '1.10.0',
      count: 4,
      isCurrent: false,
      isBehind: false,
    });
    expect(skew.olderVersions).toEqual(['1.8.0']);
  });

  it('ignores pre-release and build parts when deciding what is current', () => {
    const skew = computeSkew(
      '1.2.0',
      facet({ '1.2.0': 1, 'v1.2.0': 1, '1.2.0+build.7': 1, '1.1.0-rc.1': 1 }),
    );

    expect(skew.upToDate).toBe(3);
    expect(skew.behind).toBe(1);
    expect(skew.olderVersions).toEqual(['1.1.0-rc.1']);
    expect(skew.total).toBe(4);
  });

  it('is all zero for a template nothing was generated from', () => {
    expect(computeSkew('2.3.4', [])).toEqual({
      current: '2.3.4',
      total: 0,
      upToDate: 0,
      behind: 0,
      versions: [],
      olderVersions: [],
    });
  });

  it('does not change the facet it is given', () => {
    const counts = facet({ '1.0.0': 1, '2.0.0': 1 });
    const copy = JSON.parse(JSON.stringify(counts));
    computeSkew('2.0.0', counts);
    expect(counts).toEqual(copy);
  });
});

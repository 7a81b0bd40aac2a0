/** Adopters per version of one template, and how many are behind. */
export type TemplateSkew = {
  current: string;
  total: number;
  upToDate: number;
  behind: number;
  /** Newest first. */
  versions: Array<{
    version: string;
    count: number;
    isCurrent: boolean;
    isBehind: boolean;
  }>;
  /** The versions older than the current one. */
  olderVersions: string[];
};

function parts(version: string): number[] {
  return version
    .replace(/^v/, '')
    .split(/[.+-]/)
    .slice(0, 3)
    .map(part => (/^\d+$/.test(part) ? Number(part) : 0));
}

/** Compares major, minor and patch only; 0 when those are the same. */
function compareRelease(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Orders versions like semver, ignoring pre-release and build parts; the
 * text decides between versions with the same numbers, so sorting is stable.
 */
export function compareVersions(a: string, b: string): number {
  return compareRelease(a, b) || a.localeCompare(b);
}

/**
 * Computes version skew from a facet of template versions. A version newer
 * than the template's current one (a rollback) counts as neither behind nor
 * current.
 */
export function computeSkew(
  current: string,
  counts: Array<{ value: string; count: number }>,
): TemplateSkew {
  const versions = [...counts]
    .sort((a, b) => compareVersions(b.value, a.value))
    .map(({ value, count }) => ({
      version: value,
      count,
      // Not compareVersions: its tie-break on the text would make
      // "v1.2.0" or "1.2.0+build.7" newer than a current "1.2.0".
      isCurrent: compareRelease(value, current) === 0,
      isBehind: compareRelease(value, current) < 0,
    }));
  const sum = (pick: (v: (typeof versions)[number]) => boolean) =>
    versions.filter(pick).reduce((total, v) => total + v.count, 0);
  return {
    current,
    total: sum(() => true),
    upToDate: sum(v => v.isCurrent),
    behind: sum(v => v.isBehind),
    versions,
    olderVersions: versions.filter(v => v.isBehind).map(v => v.version),
  };
}

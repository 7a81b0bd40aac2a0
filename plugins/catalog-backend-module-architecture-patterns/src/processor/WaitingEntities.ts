/**
 * Entities that named a pattern the catalog did not have yet, by pattern.
 * On a fresh start the catalog processes entities in no particular order, so
 * a component can come before the pattern it implements; when the pattern
 * arrives, the entities waiting for it are processed again at once (see
 * PatternArrivalRefresher) instead of staying in error until their next
 * scheduled processing. In memory: each replica refreshes the entities it
 * processed.
 */
export class WaitingEntities {
  private readonly byPattern = new Map<string, Set<string>>();

  constructor(private readonly maxPerPattern = 10_000) {}

  wait(patternRef: string, entityRef: string) {
    const waiting = this.byPattern.get(patternRef) ?? new Set<string>();
    if (waiting.size < this.maxPerPattern) waiting.add(entityRef);
    this.byPattern.set(patternRef, waiting);
  }

  /** The patterns entities are waiting for. */
  patterns(): string[] {
    return [...this.byPattern.keys()];
  }

  /** The entities waiting for a pattern; they stop waiting. */
  release(patternRef: string): string[] {
    const waiting = this.byPattern.get(patternRef);
    this.byPattern.delete(patternRef);
    return waiting ? [...waiting] : [];
  }
}

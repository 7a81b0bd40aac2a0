/**
 * Names of the top-level rules a cfn-guard file defines (`rule <name> ...`),
 * in order. Rules called by others are listed too; a pattern's rule list
 * names the ones it reports.
 */
export function guardRuleNames(guard: string): string[] {
  const names: string[] = [];
  for (const line of guard.split('\n')) {
    const match = /^rule\s+([A-Za-z_][A-Za-z0-9_]*)\b/.exec(line);
    if (match) names.push(match[1]);
  }
  return names;
}

/** Problems with a pattern's conformance data: rules without code, or code without a rule entry. */
export function conformanceProblems(conformance: {
  rules: Array<{ id: string }>;
  guard: string;
}): string[] {
  const defined = new Set(guardRuleNames(conformance.guard));
  const listed = conformance.rules.map(rule => rule.id);
  const problems: string[] = [];
  for (const id of listed) {
    if (!defined.has(id)) {
      problems.push(
        `rule ${id} is listed but the guard code defines no rule of that name`,
      );
    }
  }
  const seen = new Set<string>();
  for (const id of listed) {
    if (seen.has(id)) problems.push(`rule ${id} is listed twice`);
    seen.add(id);
  }
  return problems;
}

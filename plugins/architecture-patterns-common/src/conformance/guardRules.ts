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

/** A rule's verdict over all templates of an app. */
export type RuleVerdict = 'pass' | 'fail' | 'absent';

type GuardFileResult = {
  compliant?: string[];
  not_applicable?: string[];
  not_compliant?: Array<string | { Rule?: { name?: string } }>;
};

/**
 * Verdict per rule from cfn-guard's structured JSON output (`validate --structured`, one
 * entry per template): `fail` when the rule failed on any template, `pass` when it passed on
 * at least one and failed on none, `absent` when it applied to no template at all (what it
 * checks is not there, which breaks the pattern too).
 */
export function ruleVerdicts(
  results: GuardFileResult[],
): Map<string, RuleVerdict> {
  const passed = new Set<string>();
  const failed = new Set<string>();
  const seen = new Set<string>();
  for (const result of results) {
    for (const name of result.compliant ?? []) {
      passed.add(name);
      seen.add(name);
    }
    for (const name of result.not_applicable ?? []) seen.add(name);
    for (const entry of result.not_compliant ?? []) {
      const name = typeof entry === 'string' ? entry : entry.Rule?.name;
      if (name) {
        failed.add(name);
        seen.add(name);
      }
    }
  }
  const verdict = (name: string): RuleVerdict => {
    if (failed.has(name)) return 'fail';
    return passed.has(name) ? 'pass' : 'absent';
  };
  return new Map([...seen].map(name => [name, verdict(name)]));
}

/** The listed rules that fail: failed somewhere, or applied nowhere unless optional. */
export function failingRuleIds(
  rules: Array<{ id: string; optional?: boolean }>,
  verdicts: Map<string, RuleVerdict>,
): string[] {
  return rules
    .filter(rule => {
      const verdict = verdicts.get(rule.id) ?? 'absent';
      return verdict === 'fail' || (verdict === 'absent' && !rule.optional);
    })
    .map(rule => rule.id);
}

import {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
} from 'aws-cdk-lib';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One rule of a pattern, as `conformance/rules.json` lists it. */
export interface PatternConformanceRule {
  readonly id: string;
  readonly description: string;
  readonly severity: 'high' | 'medium' | 'low';
  /** What the rule checks is optional in the pattern: when nothing has it, the rule passes. */
  readonly optional?: boolean;
}

/** `conformance/rules.json`: the pattern a repository implements and its rules. */
export interface PatternConformanceManifest {
  readonly pattern: string;
  readonly rules: PatternConformanceRule[];
}

/**
 * A rule's verdict over all templates of an app: `pass` when it passed on at least one
 * template and failed on none, `fail` when it failed on one, `absent` when it applied to no
 * template (what it checks is not there at all, which breaks the pattern too).
 */
export type RuleVerdict = 'pass' | 'fail' | 'absent';

/** The cfn-guard binary shipped by @cdklabs/cdk-validator-cfnguard for this machine. */
export function cfnGuardBinary(): string {
  const platform = { linux: 'ubuntu', darwin: 'macos' }[
    os.platform() as string
  ];
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[os.arch() as string];
  if (!platform || !arch) {
    throw new Error(
      `cfn-guard is not shipped for ${os.platform()} ${os.arch()}`,
    );
  }
  const pkg = path.dirname(
    require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'),
  );
  return path.join(pkg, 'bin', platform, arch, 'cfn-guard');
}

type GuardFileResult = {
  compliant?: string[];
  not_applicable?: string[];
  not_compliant?: Array<string | { Rule?: { name?: string } }>;
};

/**
 * Evaluates cfn-guard rule files on synthesized templates and returns each rule's verdict
 * over the whole app (see RuleVerdict).
 */
export function evaluateConformance(
  guardFiles: string[],
  templatePaths: string[],
  guard: string = cfnGuardBinary(),
): Map<string, RuleVerdict> {
  const run = spawnSync(
    guard,
    [
      'validate',
      ...guardFiles.flatMap(file => ['--rules', file]),
      ...templatePaths.flatMap(file => ['--data', file]),
      '--output-format',
      'json',
      '--show-summary',
      'none',
      '--structured',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  // 0: all compliant, 19: some rule failed; anything else is cfn-guard failing.
  if (run.status !== 0 && run.status !== 19) {
    throw new Error(
      `cfn-guard failed (exit ${run.status}): ${
        (run.stderr || run.stdout).trim().split('\n')[0]
      }`,
    );
  }
  const results = JSON.parse(run.stdout) as GuardFileResult[];
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
  const verdicts = new Map<string, RuleVerdict>();
  for (const name of seen) {
    verdicts.set(
      name,
      failed.has(name) ? 'fail' : passed.has(name) ? 'pass' : 'absent',
    );
  }
  return verdicts;
}

/** The rules of `manifest` that the verdicts break (absent counts unless the rule is optional). */
export function failingRules(
  manifest: PatternConformanceManifest,
  verdicts: Map<string, RuleVerdict>,
): PatternConformanceRule[] {
  return manifest.rules.filter(rule => {
    const verdict = verdicts.get(rule.id) ?? 'absent';
    return verdict === 'fail' || (verdict === 'absent' && !rule.optional);
  });
}

/** The manifest and guard files of a repository's `conformance/` folder. */
export function readConformanceDirectory(directory: string): {
  manifest: PatternConformanceManifest;
  guardFiles: string[];
} {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(directory, 'rules.json'), 'utf8'),
  ) as PatternConformanceManifest;
  const guardFiles = fs
    .readdirSync(directory)
    .filter(file => file.endsWith('.guard'))
    .map(file => path.join(directory, file));
  return { manifest, guardFiles };
}

/**
 * The pattern's conformance rules as a CDK policy-validation plugin: `cdk synth` (and the
 * tests that synthesize) fail when a change breaks a defining property of the pattern. The
 * portal evaluates the same rules on every commit; this makes the service's own build fail
 * first.
 */
export class PatternConformanceChecks implements IPolicyValidationPluginBeta1 {
  public readonly name = 'pattern-conformance';
  public readonly ruleIds: string[];
  private readonly manifest: PatternConformanceManifest;
  private readonly guardFiles: string[];

  /** @param directory the repository's `conformance/` folder (rules.json and *.guard). */
  constructor(directory: string) {
    const { manifest, guardFiles } = readConformanceDirectory(directory);
    this.manifest = manifest;
    this.guardFiles = guardFiles;
    this.ruleIds = manifest.rules.map(rule => rule.id);
  }

  public validate(
    context: IPolicyValidationContextBeta1,
  ): PolicyValidationPluginReportBeta1 {
    const verdicts = evaluateConformance(
      this.guardFiles,
      context.templatePaths,
    );
    const violations = failingRules(this.manifest, verdicts).map(rule => ({
      ruleName: rule.id,
      description: `${this.manifest.pattern}: ${rule.description}${
        verdicts.get(rule.id) === 'fail'
          ? ''
          : ' (nothing in the app has what this rule checks)'
      }`,
      severity: rule.severity,
      violatingResources: [],
    }));
    return { success: violations.length === 0, violations };
  }
}

import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
} from 'aws-cdk-lib';
import * as fs from 'fs';
import * as path from 'path';

const CONTROL_TOWER_RULES_DIR = path.join(
  path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')),
  'rules',
  'control-tower',
  'cfn-guard',
);

interface GuardRuleFile {
  file: string;
  /** Resource types the rule selects; empty when it names none (then it always runs). */
  resourceTypes: string[];
}

/** Every `.guard` file under `dir`. */
function guardFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return guardFiles(full);
    return entry.name.endsWith('.guard') ? [full] : [];
  });
}

/**
 * The resource types a rule selects, from the type literals in its code (not from its header
 * comment, which is free text and sometimes misspells them).
 */
export function ruleResourceTypes(ruleText: string): string[] {
  const code = ruleText
    .split('\n')
    .filter(line => !/^\s*#/.test(line))
    .join('\n');
  const literals = code.matchAll(/["'](AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)["']/g);
  return [...new Set([...literals].map(match => match[1]))];
}

/** Resource types declared in the synthesized templates. */
function templateResourceTypes(templatePaths: string[]): Set<string> {
  const types = new Set<string>();
  for (const templatePath of templatePaths) {
    const template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
    for (const resource of Object.values<{ Type?: string }>(
      template.Resources ?? {},
    )) {
      if (resource.Type) types.add(resource.Type);
    }
  }
  return types;
}

/**
 * AWS Control Tower's proactive controls as a CDK policy-validation plugin: the rules and the
 * cfn-guard binary of `@cdklabs/cdk-validator-cfnguard`, run offline on every synthesized
 * template. It reports under the same plugin name, so acknowledgements made with
 * `acknowledgeControl` apply unchanged, but it hands cfn-guard only the rules that report on a
 * resource type the templates contain: a rule about a type that is absent can only skip, and
 * loading all of them made each synth seconds slower.
 */
export class ControlTowerChecks implements IPolicyValidationPluginBeta1 {
  public readonly name = 'cdk-validator-cfnguard';
  public readonly version?: string;
  public readonly ruleIds?: string[];
  private readonly rules: GuardRuleFile[];

  constructor() {
    const all = new CfnGuardValidator({ controlTowerRulesEnabled: true });
    this.version = all.version;
    this.ruleIds = all.ruleIds;
    this.rules = guardFiles(CONTROL_TOWER_RULES_DIR).map(file => ({
      file,
      resourceTypes: ruleResourceTypes(fs.readFileSync(file, 'utf8')),
    }));
  }

  /** The rule files that apply to templates containing `resourceTypes`. */
  public rulesFor(resourceTypes: Set<string>): string[] {
    return this.rules
      .filter(
        rule =>
          rule.resourceTypes.length === 0 ||
          rule.resourceTypes.some(type => resourceTypes.has(type)),
      )
      .map(rule => rule.file);
  }

  public validate(
    context: IPolicyValidationContextBeta1,
  ): PolicyValidationPluginReportBeta1 {
    const rules = this.rulesFor(templateResourceTypes(context.templatePaths));
    if (rules.length === 0) return { success: true, violations: [] };
    return new CfnGuardValidator({
      controlTowerRulesEnabled: false,
      rules,
      maxBuffer: 64 * 1024 * 1024,
    }).validate(context);
  }
}

/** The template whose task upgrades generated components. */
export const UPGRADE_TEMPLATE_REF = 'template:default/upgrade-service';

/** What one upgrade task is asked to do. */
export type UpgradeRequest = {
  /** Entity refs of the components to upgrade. */
  components: string[];
  /** The template version to bring them to. */
  targetVersion: string;
};

/** The branch the upgrade proposes in each repository. */
export function upgradeBranch(targetVersion: string): string {
  return `template-upgrade/${targetVersion}`;
}

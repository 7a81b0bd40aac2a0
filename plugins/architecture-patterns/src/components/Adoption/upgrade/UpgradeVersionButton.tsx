import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { listComponentsAtVersion } from './listComponentsAtVersion';
import { UpgradeAction } from './UpgradeAction';
import { UpgradeDescription } from './UpgradeDescription';
import { refusedUpgrades, useMayUpgradeEach } from './upgradePermissions';
import { useStartUpgrade } from './useStartUpgrade';

const NAMES_SHOWN = 5;

function refusal(refused: string[]): Error {
  const names = refused
    .slice(0, NAMES_SHOWN)
    .map(ref => parseEntityRef(ref).name);
  const more = refused.length - names.length;
  return new Error(
    `you may not upgrade ${names.join(', ')}${
      more > 0 ? ` and ${more} more` : ''
    }; upgrade the components your team owns one by one, or ask the platform team`,
  );
}

/**
 * "Upgrade all" for every component of a template at one version behind.
 * Shown when the user may upgrade each listed component of that version;
 * components beyond the list are checked when the user confirms, before
 * the task starts (the upgrade checks each one again on the server).
 */
export function UpgradeVersionButton(props: {
  templateRef: string;
  templateTitle: string;
  version: string;
  count: number;
  /** Refs of the components of this version the card lists. */
  listed: string[];
  targetVersion: string;
}) {
  const { templateRef, templateTitle, version, count, listed, targetVersion } =
    props;
  const catalogApi = useApi(catalogApiRef);
  const permissionApi = useApi(permissionApiRef);
  const startUpgrade = useStartUpgrade();
  const mayUpgradeListed = useMayUpgradeEach(listed);
  if (!startUpgrade || !mayUpgradeListed) return null;

  const upgradeAll = async () => {
    const components = await listComponentsAtVersion(
      catalogApi,
      templateRef,
      version,
    );
    const refused = await refusedUpgrades(
      permissionApi,
      components.filter(ref => !listed.includes(ref)),
    );
    if (refused.length) throw refusal(refused);
    await startUpgrade({ components, targetVersion });
  };

  const which = count === 1 ? 'the one component' : `all ${count} components`;
  return (
    <UpgradeAction
      label={`Upgrade all on ${version}`}
      name={`Upgrade all on ${version} to ${targetVersion} (${which})`}
      title={`Upgrade ${which} on ${version} to ${targetVersion}?`}
      description={
        <UpgradeDescription
          what={which}
          templateTitle={templateTitle}
          version={version}
          targetVersion={targetVersion}
        />
      }
      onConfirm={upgradeAll}
    />
  );
}

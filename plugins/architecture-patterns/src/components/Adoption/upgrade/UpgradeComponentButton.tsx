import { UpgradeAction } from './UpgradeAction';
import { UpgradeDescription } from './UpgradeDescription';
import { useMayUpgradeEach } from './upgradePermissions';
import { useStartUpgrade } from './useStartUpgrade';

/**
 * "Upgrade" for one component behind its template's current version, shown
 * only when the permission policy lets the user upgrade that component.
 */
export function UpgradeComponentButton(props: {
  entityRef: string;
  name: string;
  templateTitle: string;
  version: string;
  targetVersion: string;
}) {
  const { entityRef, name, templateTitle, version, targetVersion } = props;
  const startUpgrade = useStartUpgrade();
  const allowed = useMayUpgradeEach([entityRef]);
  if (!startUpgrade || !allowed) return null;
  return (
    <UpgradeAction
      label="Upgrade"
      name={`Upgrade ${name} to ${targetVersion}`}
      title={`Upgrade ${name} to ${targetVersion}?`}
      description={
        <UpgradeDescription
          what={name}
          templateTitle={templateTitle}
          version={version}
          targetVersion={targetVersion}
        />
      }
      onConfirm={() => startUpgrade({ components: [entityRef], targetVersion })}
    />
  );
}

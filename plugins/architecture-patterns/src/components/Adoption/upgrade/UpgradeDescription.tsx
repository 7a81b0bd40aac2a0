import Typography from '@material-ui/core/Typography';
import { upgradeBranch } from './upgradeTask';

/** What an upgrade task will do, for the confirmation dialog. */
export function UpgradeDescription(props: {
  /** Which components, for example "orders-api" or "all 12 components". */
  what: string;
  templateTitle: string;
  version: string;
  targetVersion: string;
}) {
  const { what, templateTitle, version, targetVersion } = props;
  return (
    <>
      <Typography paragraph>
        This starts a scaffolder task that upgrades {what} from {templateTitle}{' '}
        {version} to {targetVersion}.
      </Typography>
      <Typography paragraph>
        In each repository it creates the branch{' '}
        <code>{upgradeBranch(targetVersion)}</code>, with a report of the merged
        files, conflicts, tests and infrastructure changes. Nothing is merged:
        the owning team reviews the branch and merges it.
      </Typography>
      <Typography>The task's page shows its progress.</Typography>
    </>
  );
}

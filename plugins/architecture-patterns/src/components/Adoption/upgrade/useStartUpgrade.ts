import { useApiHolder } from '@backstage/core-plugin-api';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { useNavigate } from 'react-router-dom';
import { useTaskPath } from '../../PatternLink/PatternLinkContext';
import { UPGRADE_TEMPLATE_REF, UpgradeRequest } from './upgradeTask';

/**
 * Starts an upgrade as a scaffolder task and opens the task's page, where
 * its log shows the progress. Undefined when the app has no scaffolder, so
 * that nothing offers an upgrade that cannot run.
 */
export function useStartUpgrade():
  | ((request: UpgradeRequest) => Promise<void>)
  | undefined {
  const scaffolderApi = useApiHolder().get(scaffolderApiRef);
  const navigate = useNavigate();
  const taskPath = useTaskPath();
  if (!scaffolderApi) return undefined;
  return async ({ components, targetVersion }) => {
    const { taskId } = await scaffolderApi.scaffold({
      templateRef: UPGRADE_TEMPLATE_REF,
      values: { components, targetVersion },
    });
    navigate(taskPath(taskId));
  };
}

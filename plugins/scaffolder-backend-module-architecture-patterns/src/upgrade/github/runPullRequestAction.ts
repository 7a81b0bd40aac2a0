import {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { OpenPullRequest } from './proposePullRequest';

/**
 * Opens pull requests with the scaffolder's own `publish:github:pull-request`
 * action, run inside the calling step: the same credentials, checkpoints and
 * dry-run behaviour as a template step; `update` replaces an earlier
 * proposal for the same version.
 */
export function runPullRequestAction(
  action: TemplateAction<any, any, any>,
  ctx: ActionContext<any, any>,
): OpenPullRequest {
  return async request => {
    const outputs: Record<string, unknown> = {};
    await action.handler({
      ...ctx,
      input: { ...request, update: true },
      output: (name: string, value: unknown) => {
        outputs[name] = value;
      },
    });
    return {
      url: outputs.remoteUrl as string | undefined,
      number: outputs.pullRequestNumber as number | undefined,
    };
  };
}

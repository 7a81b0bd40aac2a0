import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** A file as the scaffolder's dry-run API takes and returns it. */
export type DryRunFile = {
  path: string;
  base64Content: string;
  executable?: boolean;
};

export type DryRunRequest = {
  template: unknown;
  values: Record<string, unknown>;
  directoryContents: DryRunFile[];
};

export type DryRunResponse = {
  directoryContents: DryRunFile[];
  log: Array<{ body: { message?: string; stepId?: string; status?: string } }>;
};

/** Runs a template without side effects and returns the files it wrote. */
export type DryRun = (request: DryRunRequest) => Promise<DryRunResponse>;

/**
 * The scaffolder's own dry-run endpoint, called as this backend: the same
 * template engine and actions that generated the repository render it again.
 */
export function scaffolderDryRun(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): DryRun {
  return async request => {
    const baseUrl = await options.discovery.getBaseUrl('scaffolder');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const response = await fetch(`${baseUrl}/v2/dry-run`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(request),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const reasons = body?.errors?.map(
        (e: { stack?: string; message?: string }) => e.stack ?? e.message,
      ) ?? [body?.error?.message ?? response.statusText];
      throw new Error(`the template did not render: ${reasons.join('; ')}`);
    }
    return body as DryRunResponse;
  };
}

import { Entity, getEntitySourceLocation } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import path from 'path';

/** A component's repository on a GitHub host of the portal's integrations. */
export type GithubRepository = {
  /** The repository's files at its branch, as a URL reader reads them. */
  treeUrl: string;
  /** The repository as the publish actions name it: `host?owner=o&repo=r`. */
  repoUrl: string;
  /** `owner/name`, for people. */
  slug: string;
  /** The branch the component is registered from; the default branch when absent. */
  branch?: string;
};

/** `/owner/name`, optionally followed by `/tree|blob/<branch>/<path>`. */
const GITHUB_URL =
  /^\/([^/]+)\/([^/]+?)(?:\.git)?(?:\/(tree|blob)\/([^/]+)\/?(.*))?\/?$/;

/**
 * The GitHub repository an entity's source location (or, without one, the
 * location of its catalog-info.yaml) points to, or undefined when that is not
 * a URL on a GitHub integration. A component in a sub-folder of a repository
 * is refused: an upgrade proposes changes to the repository as a whole.
 */
export function githubRepositoryOf(
  entity: Entity,
  integrations: ScmIntegrationRegistry,
): GithubRepository | undefined {
  let location: { type: string; target: string };
  try {
    location = getEntitySourceLocation(entity);
  } catch {
    return undefined;
  }
  if (location.type !== 'url') return undefined;
  const integration = integrations.github.byUrl(location.target);
  if (!integration) return undefined;

  const match = GITHUB_URL.exec(new URL(location.target).pathname);
  if (!match) {
    throw new InputError(
      `${location.target} does not name a GitHub repository (owner and name)`,
    );
  }
  const [, owner, name, kind, ref = '', filepath = ''] = match;
  const slug = `${owner}/${name}`;
  // A location of a file (catalog-info.yaml) stands for its folder.
  const folder = (
    kind === 'blob' ? path.posix.dirname(filepath) : filepath
  ).replace(/^\.$|\/+$/g, '');
  if (folder) {
    throw new InputError(
      `the service lives in the folder ${folder} of ${slug}; upgrades propose changes to a whole repository generated from a template`,
    );
  }
  const host = integration.config.host;
  return {
    treeUrl: ref
      ? `https://${host}/${slug}/tree/${ref}/`
      : `https://${host}/${slug}`,
    repoUrl: `${host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(name)}`,
    slug,
    branch: ref || undefined,
  };
}

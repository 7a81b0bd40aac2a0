import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ARCHITECTURE_PATTERN_KIND } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

const PAGE_SIZE = 500;

/** The refs of every ArchitecturePattern the catalog serves, page by page. */
export async function listPatternRefs(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
}): Promise<string[]> {
  const refs: string[] = [];
  // The catalog does not keep `fields` in the cursor: pass them on every
  // page, or every page after the first returns whole entities.
  const fields = ['kind', 'metadata.name', 'metadata.namespace'];
  let cursor: string | undefined;
  do {
    const page = await options.catalog.queryEntities(
      cursor
        ? { cursor, fields, limit: PAGE_SIZE }
        : {
            filter: { kind: ARCHITECTURE_PATTERN_KIND },
            fields,
            limit: PAGE_SIZE,
          },
      { credentials: options.credentials },
    );
    refs.push(...page.items.map(entity => stringifyEntityRef(entity)));
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return refs;
}

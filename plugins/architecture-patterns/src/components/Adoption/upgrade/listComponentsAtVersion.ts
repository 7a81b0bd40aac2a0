import type { CatalogApi } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { componentsAtVersionRequest } from '../adoptionQueries';

const PAGE_SIZE = 500;

/** The refs of every component generated from a template at one version. */
export async function listComponentsAtVersion(
  catalogApi: CatalogApi,
  templateRef: string,
  version: string,
): Promise<string[]> {
  const refs: string[] = [];
  let page = await catalogApi.queryEntities(
    componentsAtVersionRequest(templateRef, version, PAGE_SIZE),
  );
  refs.push(...page.items.map(entity => stringifyEntityRef(entity)));
  while (page.pageInfo.nextCursor) {
    page = await catalogApi.queryEntities({
      cursor: page.pageInfo.nextCursor,
      limit: PAGE_SIZE,
    });
    refs.push(...page.items.map(entity => stringifyEntityRef(entity)));
  }
  return refs;
}

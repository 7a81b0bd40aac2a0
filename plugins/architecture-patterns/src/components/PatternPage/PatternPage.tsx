import {
  Content,
  Header,
  HeaderLabel,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ARCHITECTURE_PATTERN_KIND,
  ArchitecturePatternEntity,
  isArchitecturePatternEntity,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { usePatternCatalogPath } from '../PatternLink/PatternLinkContext';
import { NotFoundContent } from '../NotFound/NotFound';
import { PatternDetails } from './PatternDetails';
import { PATTERN_PAGE_FIELDS } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** The page of one pattern, addressed by its name in the URL. */
export function PatternPage() {
  const { name = '' } = useParams();
  const catalogPath = usePatternCatalogPath();
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: [
        stringifyEntityRef({
          kind: ARCHITECTURE_PATTERN_KIND,
          namespace: DEFAULT_NAMESPACE,
          name,
        }),
      ],
      // Not the relations: a popular pattern has one per adopter.
      fields: PATTERN_PAGE_FIELDS,
    });
    return items[0];
  }, [catalogApi, name]);
  const pattern =
    value && isArchitecturePatternEntity(value)
      ? (value as ArchitecturePatternEntity)
      : undefined;

  return (
    <Page themeId="tool">
      <Header
        title={pattern?.metadata.title ?? name}
        subtitle={pattern?.metadata.description}
        type="Architecture pattern"
        typeLink={catalogPath}
      >
        {pattern && <HeaderLabel label="Level" value={pattern.spec.level} />}
        {pattern && (
          <HeaderLabel label="Category" value={pattern.spec.category} />
        )}
      </Header>
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {!loading && !error && !pattern && (
          <NotFoundContent title={`No architecture pattern named "${name}"`}>
            The catalog has no pattern of this name; it may have been renamed or
            removed.
          </NotFoundContent>
        )}
        {pattern && <PatternDetails pattern={pattern} />}
      </Content>
    </Page>
  );
}

import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  DECISION_GUIDE_KIND,
  DecisionGuideEntity,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  usePatternCatalogPath,
  usePatternPath,
} from '../PatternLink/PatternLinkContext';
import { NotFoundContent } from '../NotFound/NotFound';
import { ComparisonTable } from './ComparisonTable';

/** One side-by-side comparison of a guide, at /compare/:guide/:comparison. */
export function ComparisonPage() {
  const { guide: guideName = '', comparison: comparisonId = '' } = useParams();
  const catalogApi = useApi(catalogApiRef);
  const base = usePatternCatalogPath();
  const patternPath = usePatternPath();
  const { value, loading } = useAsync(
    () =>
      catalogApi.getEntityByRef({
        kind: DECISION_GUIDE_KIND,
        namespace: DEFAULT_NAMESPACE,
        name: guideName,
      }),
    [catalogApi, guideName],
  );
  const guide = value as DecisionGuideEntity | undefined;
  const comparison = guide?.spec.comparisons?.find(c => c.id === comparisonId);
  return (
    <Page themeId="tool">
      <Header
        title={comparison?.title ?? 'Comparison'}
        type="Decision guides"
        typeLink={`${base}/guides`}
      />
      <Content>
        {loading && <Progress />}
        {!loading && !comparison && (
          <NotFoundContent
            title={`No comparison "${comparisonId}" in guide "${guideName}"`}
          >
            {guide
              ? `The "${guide.metadata.title}" guide has no comparison of this name.`
              : `There is no decision guide named "${guideName}".`}
          </NotFoundContent>
        )}
        {guide && comparison && (
          <InfoCard
            title={comparison.title}
            deepLink={{
              title: `Open the ${guide.metadata.title} guide`,
              link: `${base}/guides/${guide.metadata.name}`,
            }}
          >
            <ComparisonTable comparison={comparison} />
            {(comparison.patterns ?? []).length > 0 && (
              <p>
                Patterns:{' '}
                {comparison.patterns!.map((name, i) => (
                  <span key={name}>
                    {i > 0 && ' · '}
                    <Link to={patternPath(name)} underline="always">
                      {name}
                    </Link>
                  </span>
                ))}
              </p>
            )}
          </InfoCard>
        )}
      </Content>
    </Page>
  );
}

import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import type { DecisionGuideEntity } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import { usePatternCatalogPath } from '../PatternLink/PatternLinkContext';
import { ComparisonLinks } from './ComparisonLinks';
import { guidesRequest } from './guideQueries';

/** The guides that can lead to a pattern, and the comparisons that cover it. */
export function PatternGuides(props: { patternName: string }) {
  const catalogApi = useApi(catalogApiRef);
  const base = usePatternCatalogPath();
  const { value } = useAsync(
    () => catalogApi.queryEntities(guidesRequest()),
    [catalogApi],
  );
  const guides = (value?.items ?? []) as DecisionGuideEntity[];
  const leading = guides.filter(g =>
    g.spec.outcomes.some(o => o.pattern === props.patternName),
  );
  const comparisons = guides.flatMap(g =>
    (g.spec.comparisons ?? [])
      .filter(c => c.patterns?.includes(props.patternName))
      .map(c => ({ guide: g.metadata.name, ...c })),
  );
  if (leading.length === 0 && comparisons.length === 0) return null;
  return (
    <InfoCard title="Decide and compare">
      {leading.length > 0 && (
        <Typography variant="body2" paragraph>
          Guides that can recommend it:{' '}
          {leading.map((g, i) => (
            <span key={g.metadata.name}>
              {i > 0 && ' · '}
              <Link to={`${base}/guides/${g.metadata.name}`} underline="always">
                {g.metadata.title}
              </Link>
            </span>
          ))}
        </Typography>
      )}
      {comparisons.length > 0 && (
        <Typography variant="body2">
          Side-by-side comparisons:{' '}
          <ComparisonLinks comparisons={comparisons} />
        </Typography>
      )}
    </InfoCard>
  );
}

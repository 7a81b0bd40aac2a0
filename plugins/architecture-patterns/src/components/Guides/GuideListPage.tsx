import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { DecisionGuideEntity } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import { usePatternCatalogPath } from '../PatternLink/PatternLinkContext';
import { ComparisonLinks } from './ComparisonLinks';
import { guidesRequest } from './guideQueries';

/** The decision guides, and the comparisons they offer. */
export function GuideListPage() {
  const catalogApi = useApi(catalogApiRef);
  const base = usePatternCatalogPath();
  const { value, loading, error } = useAsync(
    () => catalogApi.queryEntities(guidesRequest()),
    [catalogApi],
  );
  const guides = (value?.items ?? []) as DecisionGuideEntity[];
  return (
    <Page themeId="tool">
      <Header
        title="Decision guides"
        subtitle="Answer a few questions, get a pattern and the trade-off to defend it"
        type="Architecture patterns"
        typeLink={base}
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        <Grid container spacing={3}>
          {guides.map(guide => (
            <Grid item xs={12} md={6} key={guide.metadata.name}>
              <Card variant="outlined" style={{ height: '100%' }}>
                <CardContent>
                  <Typography variant="h6" component="h2" gutterBottom>
                    <Link to={`${base}/guides/${guide.metadata.name}`}>
                      {guide.metadata.title}
                    </Link>
                  </Typography>
                  <Typography variant="body2" color="textSecondary" paragraph>
                    {guide.metadata.description}
                  </Typography>
                  <Typography variant="body2">
                    Chooses between:{' '}
                    {guide.spec.outcomes.map(o => o.title).join(' · ')}
                  </Typography>
                  {(guide.spec.comparisons ?? []).length > 0 && (
                    <Typography variant="body2" style={{ marginTop: 8 }}>
                      Compare:{' '}
                      <ComparisonLinks
                        comparisons={guide.spec.comparisons!.map(c => ({
                          guide: guide.metadata.name,
                          ...c,
                        }))}
                      />
                    </Typography>
                  )}
                </CardContent>
              </Card>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}

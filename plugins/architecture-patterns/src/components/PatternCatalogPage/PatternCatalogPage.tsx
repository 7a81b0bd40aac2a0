import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ArchitecturePatternEntity } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import {
  patternFacetsRequest,
  patternListRequest,
} from '../../api/patternQueries';
import { PatternCard } from './PatternCard';
import { PatternFilters } from './PatternFilters';
import { usePatternFilters } from './usePatternFilters';
import { usePatternCatalogPath } from '../PatternLink/PatternLinkContext';

/** The pattern catalog: filterable cards of every architecture pattern. */
export function PatternCatalogPage() {
  const catalogApi = useApi(catalogApiRef);
  const [filters, setFilter] = usePatternFilters();
  const catalogPath = usePatternCatalogPath();

  const facets = useAsync(
    () => catalogApi.getEntityFacets(patternFacetsRequest()),
    [catalogApi],
  );
  const patterns = useAsync(
    () => catalogApi.queryEntities(patternListRequest(filters)),
    [catalogApi, filters],
  );

  return (
    <Page themeId="tool">
      <Header
        title="Architecture patterns"
        subtitle="Proven AWS designs, their trade-offs, and the services that use them"
      />
      <Content>
        <ContentHeader title="Pattern catalog">
          <LinkButton
            to={`${catalogPath}/guides`}
            variant="contained"
            color="primary"
          >
            Help me choose
          </LinkButton>
          <LinkButton
            to={`${catalogPath}/adoption`}
            variant="outlined"
            style={{ marginLeft: 8 }}
          >
            Adoption
          </LinkButton>
          <SupportButton>
            Filter by level, category or AWS service, or search by name. The URL
            keeps your filters, so you can share the view.
          </SupportButton>
        </ContentHeader>
        <PatternFilters
          filters={filters}
          facets={facets.value?.facets ?? {}}
          onChange={setFilter}
        />
        <div style={{ marginTop: 24 }}>
          {patterns.loading && <Progress />}
          {patterns.error && <ResponseErrorPanel error={patterns.error} />}
          {patterns.value && patterns.value.items.length === 0 && (
            <EmptyState
              missing="data"
              title="No pattern matches these filters"
              description="Clear a filter or change the search text."
            />
          )}
          {patterns.value && patterns.value.items.length > 0 && (
            <>
              <Typography variant="body2" paragraph>
                {patterns.value.totalItems} pattern
                {patterns.value.totalItems === 1 ? '' : 's'}
              </Typography>
              <Grid container spacing={3} alignItems="stretch">
                {(patterns.value.items as ArchitecturePatternEntity[]).map(
                  pattern => (
                    <Grid
                      item
                      xs={12}
                      sm={6}
                      lg={4}
                      key={pattern.metadata.name}
                    >
                      <PatternCard pattern={pattern} />
                    </Grid>
                  ),
                )}
              </Grid>
            </>
          )}
        </div>
      </Content>
    </Page>
  );
}

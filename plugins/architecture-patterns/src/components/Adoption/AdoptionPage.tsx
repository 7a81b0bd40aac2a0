import { useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ARCHITECTURE_PATTERN_KIND,
  AdoptionFilters,
  adoptionExportPermission,
  countAdopters,
  countByConformance,
  LIFECYCLE_FACET,
  OWNER_FACET,
  PATTERN_FACET,
  SOURCE_TEMPLATE_FACET,
  SYSTEM_FACET,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { usePermission } from '@backstage/plugin-permission-react';
import useAsync from 'react-use/esm/useAsync';
import { downloadFile } from '../shared/downloadFile';
import { AdoptersTable } from '../shared/AdoptersTable';
import { adoptionSummaryApiRef } from '../../api/AdoptionSummaryApi';
import { adoptersPageRequest } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { CountBars } from './CountBars';
import { TemplateSkewCard } from './TemplateSkewCard';
import { useAdoptionFilters } from './useAdoptionFilters';
import { ConformanceFilter } from '../Conformance/ConformanceFilter';
import { STATUS_TEXT, toStatus } from '../Conformance/conformanceText';

const FILTER_LABELS: Record<keyof AdoptionFilters, string> = {
  pattern: 'Pattern',
  owner: 'Owner',
  system: 'System',
  lifecycle: 'Lifecycle',
  conformance: 'Conformance',
};

const shortName = (ref: string) => {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
};

/** How a chip shows a filter's value. */
function filterText(key: keyof AdoptionFilters, value: string): string {
  if (key === 'pattern') return shortName(value);
  if (key === 'conformance') return STATUS_TEXT[toStatus(value)];
  return value;
}

/**
 * Pattern adoption across the organisation: every count comes from the
 * adoption summary (one catalog facets request, shared and kept fresh by the
 * backend); the table below pages on the server.
 */
export function AdoptionPage() {
  const catalogApi = useApi(catalogApiRef);
  const summaryApi = useApi(adoptionSummaryApiRef);
  const [filters, setFilter] = useAdoptionFilters();
  const [exporting, setExporting] = useState(false);
  // Only users the policy lets export see the button; the backend checks too.
  const { allowed: mayExport } = usePermission({
    permission: adoptionExportPermission,
  });

  const summary = useAsync(
    () => summaryApi.getSummary(filters),
    [summaryApi, filters],
  );
  // With a verdict chosen, the summary counts only that verdict; the
  // conformance counts come from the same filters without it.
  const { conformance, ...otherFilters } = filters;
  const conformanceSummary = useAsync(
    async () => (conformance ? summaryApi.getSummary(otherFilters) : undefined),
    [summaryApi, conformance, JSON.stringify(otherFilters)],
  );
  const conformanceCounts = conformance
    ? conformanceSummary.value &&
      !conformanceSummary.loading &&
      countByConformance(conformanceSummary.value.facets, otherFilters)
    : summary.value &&
      !summary.loading &&
      countByConformance(summary.value.facets, filters);
  const titles = useAsync(async () => {
    const patterns = await catalogApi.queryEntities({
      filter: { kind: ARCHITECTURE_PATTERN_KIND },
      fields: ['metadata.name', 'metadata.title'],
      limit: 500,
    });
    return new Map(
      patterns.items.map(p => [
        p.metadata.name,
        p.metadata.title ?? p.metadata.name,
      ]),
    );
  }, [catalogApi]);

  const counts = summary.value?.facets ?? {};
  const rows = (
    key: string,
    label: (value: string) => string,
    keep = (_: string) => true,
  ) =>
    [...(counts[key] ?? [])]
      .filter(({ value }) => keep(value))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .map(({ value, count }) => ({ key: value, label: label(value), count }));
  const patternRows = rows(
    PATTERN_FACET,
    v => titles.value?.get(shortName(v)) ?? shortName(v),
  );
  const total = countAdopters(counts);
  const generated = (counts[SOURCE_TEMPLATE_FACET] ?? []).reduce(
    (sum, c) => sum + c.count,
    0,
  );

  const exportCsv = async () => {
    setExporting(true);
    try {
      downloadFile(
        'pattern-adoption.csv',
        await summaryApi.exportCsv(filters),
        'text/csv',
      );
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page themeId="tool">
      <Header
        title="Pattern adoption"
        subtitle="Which services implement which architecture pattern, and how they got there"
      />
      <Content>
        <ContentHeader title="Adoption overview">
          {mayExport && (
            <Button variant="outlined" onClick={exportCsv} disabled={exporting}>
              {exporting ? 'Exporting…' : 'Export CSV'}
            </Button>
          )}
        </ContentHeader>
        <div
          style={{
            display: 'flex',
            gap: 8,
            flexWrap: 'wrap',
            marginBottom: 16,
          }}
          aria-label="Active filters"
        >
          {(Object.keys(FILTER_LABELS) as Array<keyof AdoptionFilters>)
            .filter(key => filters[key])
            .map(key => (
              <Chip
                key={key}
                label={`${FILTER_LABELS[key]}: ${filterText(
                  key,
                  filters[key]!,
                )}`}
                onDelete={() => setFilter(key, undefined)}
              />
            ))}
          {Object.keys(filters).length === 0 && (
            <Typography variant="body2">
              Click a bar to narrow the view; the URL keeps the filters.
            </Typography>
          )}
        </div>
        {summary.error && <ResponseErrorPanel error={summary.error} />}
        {summary.loading && <Progress />}
        <Grid container spacing={3}>
          <Grid item xs={12} md={8}>
            <InfoCard title="Adopters per pattern">
              <CountBars
                title="Adopters per pattern"
                rows={patternRows}
                onSelect={v => setFilter('pattern', v)}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title="Provenance">
              <Typography variant="h4" component="p">
                {total}
              </Typography>
              <Typography variant="body2" paragraph>
                adopting entities
              </Typography>
              <Typography variant="body2" data-testid="provenance">
                {generated} generated from a template, {total - generated}{' '}
                declared by hand
              </Typography>
              {summary.value && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="p"
                  style={{ marginTop: 8 }}
                >
                  Counted at{' '}
                  {new Date(summary.value.computedAt).toLocaleTimeString()}
                </Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title="Conformance"
              subheader={
                filters.pattern
                  ? `Of each adopter to ${
                      titles.value?.get(shortName(filters.pattern)) ??
                      shortName(filters.pattern)
                    }`
                  : 'Of each adopter, overall: the worst verdict over its patterns'
              }
            >
              <ConformanceFilter
                label="Adopters per conformance verdict"
                counts={conformanceCounts || undefined}
                value={conformance}
                onChange={status => setFilter('conformance', status)}
              />
              {conformanceSummary.error && (
                <ResponseErrorPanel error={conformanceSummary.error} />
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title="Per owning group">
              <CountBars
                title="Per owning group"
                rows={rows(OWNER_FACET, shortName)}
                onSelect={v => setFilter('owner', v)}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title="Per system">
              <CountBars
                title="Per system"
                rows={rows(SYSTEM_FACET, shortName, v =>
                  v.startsWith('system:'),
                )}
                onSelect={v => setFilter('system', v)}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title="Per lifecycle">
              <CountBars
                title="Per lifecycle"
                rows={rows(LIFECYCLE_FACET, v => v)}
                onSelect={v => setFilter('lifecycle', v)}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <AdoptersTable
              title="Adopters"
              request={adoptersPageRequest(filters, 20)}
              resetKey={JSON.stringify(filters)}
              pageSize={20}
              total={summary.value && !summary.loading ? total : undefined}
              showPatterns
              emptyText="No entity matches these filters."
              errorText="Could not load adopters"
            />
          </Grid>
          <Grid item xs={12}>
            <TemplateSkewCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_TEMPLATE_VERSION,
  RELATION_IMPLEMENTS_PATTERN,
  TEMPLATE_VERSION_FACET,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import useAsync from 'react-use/esm/useAsync';
import { behindRequest, templateVersionFacetsRequest } from './adoptionQueries';
import { ComponentsBehind } from './ComponentsBehind';
import { computeSkew } from './templateSkew';

/** How many components the card lists per version behind. */
const BEHIND_LIMIT = 20;
/**
 * Version skew per pattern template: how many generated components sit on
 * each version, and which are behind the template's current version.
 */
export function TemplateSkewCard() {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading } = useAsync(async () => {
    const templates = await catalogApi.queryEntities({
      filter: {
        kind: 'Template',
        [`relations.${RELATION_IMPLEMENTS_PATTERN}`]: CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.annotations',
      ],
      orderFields: [{ field: 'metadata.name', order: 'asc' }],
      limit: 50,
    });
    return Promise.all(
      templates.items.map(async template => {
        const ref = stringifyEntityRef(template);
        const current =
          template.metadata.annotations?.[ANNOTATION_TEMPLATE_VERSION] ??
          '0.0.0';
        const { facets } = await catalogApi.getEntityFacets(
          templateVersionFacetsRequest(ref),
        );
        const skew = computeSkew(current, facets[TEMPLATE_VERSION_FACET] ?? []);
        // One request per version, so each can offer "Upgrade all".
        const behind = await Promise.all(
          skew.versions
            .filter(v => v.isBehind)
            .map(async ({ version, count }) => ({
              version,
              count,
              components: (
                await catalogApi.queryEntities(
                  behindRequest(ref, [version], BEHIND_LIMIT),
                )
              ).items,
            })),
        );
        return { template, skew, behind };
      }),
    );
  }, [catalogApi]);

  return (
    <InfoCard title="Template version skew">
      {loading && <Progress />}
      {value?.length === 0 && (
        <Typography variant="body2">
          No template declares a pattern yet.
        </Typography>
      )}
      {value?.map(({ template, skew, behind }) => (
        <div
          key={template.metadata.name}
          style={{ marginBottom: 16 }}
          data-testid={`skew-${template.metadata.name}`}
        >
          <Typography variant="subtitle1">
            <strong>{template.metadata.title ?? template.metadata.name}</strong>{' '}
            — current {skew.current}: {skew.upToDate} up to date, {skew.behind}{' '}
            behind
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {skew.versions.map(v => `${v.version}: ${v.count}`).join(' · ') ||
              'No generated components yet'}
          </Typography>
          {behind.map(({ version, count, components }) => (
            <ComponentsBehind
              key={version}
              template={template}
              version={version}
              count={count}
              components={components}
              targetVersion={skew.current}
            />
          ))}
        </div>
      ))}
    </InfoCard>
  );
}

import {
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_IMPLEMENTS_PATTERNS,
  ANNOTATION_SOURCE_TEMPLATE,
  ANNOTATION_TEMPLATE_VERSION,
  ConformanceResult,
  ArchitecturePatternEntity,
  RELATION_IMPLEMENTS_PATTERN,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import {
  usePatternCatalogPath,
  usePatternPath,
} from '../PatternLink/PatternLinkContext';
import { LevelChip } from '../shared/LevelChip';
import { conformanceApiRef } from '../../api/ConformanceApi';
import { PatternConformance } from './PatternConformance';

/**
 * "Architecture patterns" card for a component page: the patterns the
 * component implements, read from its relations, with their level.
 */
export function EntityPatternsCard() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const conformanceApi = useApi(conformanceApiRef);
  const patternPath = usePatternPath();
  const catalogPath = usePatternCatalogPath();
  const refs = (entity.relations ?? [])
    .filter(r => r.type === RELATION_IMPLEMENTS_PATTERN)
    .map(r => r.targetRef);
  const declared =
    entity.metadata.annotations?.[ANNOTATION_IMPLEMENTS_PATTERNS];
  const templateVersion =
    entity.metadata.annotations?.[ANNOTATION_TEMPLATE_VERSION];
  const sourceTemplate =
    entity.metadata.annotations?.[ANNOTATION_SOURCE_TEMPLATE];
  const templateName = sourceTemplate?.replace(/^template:(default\/)?/, '');
  const provenance =
    sourceTemplate || templateVersion
      ? `Generated from ${templateName ?? 'a template'}${
          templateVersion ? ` version ${templateVersion}` : ''
        }`
      : 'Declared by hand';

  const { value, loading, error } = useAsync(async () => {
    if (refs.length === 0) return [];
    const response = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.level',
        'spec.conformance.rules',
      ],
    });
    return response.items.filter(Boolean) as ArchitecturePatternEntity[];
  }, [catalogApi, refs.join(',')]);

  const entityRef = stringifyEntityRef(entity);
  const results = useAsync(async () => {
    if (refs.length === 0) return new Map<string, ConformanceResult>();
    const list = await conformanceApi.getResults(entityRef);
    return new Map(
      list.map(result => [
        result.patternRef.toLocaleLowerCase('en-US'),
        result,
      ]),
    );
  }, [conformanceApi, entityRef, refs.length > 0]);

  return (
    <InfoCard
      title="Architecture patterns"
      deepLink={{ title: 'Browse all patterns', link: catalogPath }}
    >
      {loading && <Progress />}
      {error && (
        <WarningPanel title="Could not load patterns" message={error.message} />
      )}
      {!loading && refs.length === 0 && (
        <Typography variant="body2">
          {declared
            ? `Declares "${declared}", which the catalog could not match to a pattern yet. See the entity's processing errors.`
            : `This component declares no architecture pattern. Add the ${ANNOTATION_IMPLEMENTS_PATTERNS} annotation to its catalog-info.yaml.`}
        </Typography>
      )}
      {results.error && (
        <WarningPanel
          title="Could not load conformance results"
          message={results.error.message}
        />
      )}
      <List dense disablePadding>
        {value?.map(pattern => (
          <ListItem
            key={pattern.metadata.name}
            disableGutters
            alignItems="flex-start"
            data-testid={`pattern-${pattern.metadata.name}`}
          >
            <ListItemText
              primary={
                <Link to={patternPath(pattern.metadata.name)}>
                  {pattern.metadata.title ??
                    parseEntityRef(pattern.metadata.name).name}
                </Link>
              }
              secondaryTypographyProps={{ component: 'div' }}
              secondary={
                <>
                  {provenance}
                  {results.value && (
                    <PatternConformance
                      rules={pattern.spec?.conformance?.rules}
                      result={results.value.get(
                        stringifyEntityRef(pattern).toLocaleLowerCase('en-US'),
                      )}
                    />
                  )}
                </>
              }
            />
            {pattern.spec?.level && <LevelChip level={pattern.spec.level} />}
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}

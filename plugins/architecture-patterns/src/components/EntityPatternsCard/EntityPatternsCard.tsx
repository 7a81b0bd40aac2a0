import {
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_IMPLEMENTS_PATTERNS,
  ANNOTATION_TEMPLATE_VERSION,
  ArchitecturePatternEntity,
  RELATION_IMPLEMENTS_PATTERN,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import {
  usePatternCatalogPath,
  usePatternPath,
} from '../PatternLink/PatternLinkContext';
import { LevelChip } from '../PatternPage/LevelChip';

/**
 * "Architecture patterns" card for a component page: the patterns the
 * component implements, read from its relations, with their level.
 */
export function EntityPatternsCard() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
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
    entity.metadata.annotations?.['backstage.io/source-template'];
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
      ],
    });
    return response.items.filter(Boolean) as ArchitecturePatternEntity[];
  }, [catalogApi, refs.join(',')]);

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
      <List dense disablePadding>
        {value?.map(pattern => (
          <ListItem key={pattern.metadata.name} disableGutters>
            <ListItemText
              primary={
                <Link to={patternPath(pattern.metadata.name)}>
                  {pattern.metadata.title ??
                    parseEntityRef(pattern.metadata.name).name}
                </Link>
              }
              secondary={provenance}
            />
            {pattern.spec?.level && <LevelChip level={pattern.spec.level} />}
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}

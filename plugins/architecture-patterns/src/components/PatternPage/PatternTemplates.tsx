import { InfoCard, LinkButton } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { templatesRequest } from '../../api/patternQueries';
import { useTemplatePath } from '../PatternLink/PatternLinkContext';

/** "Create from template": the templates that implement a pattern. */
export function PatternTemplates(props: { patternRef: string }) {
  const catalogApi = useApi(catalogApiRef);
  const templatePath = useTemplatePath();
  const { value } = useAsync(
    () => catalogApi.queryEntities(templatesRequest(props.patternRef)),
    [catalogApi, props.patternRef],
  );
  if (!value || value.items.length === 0) return null;
  return (
    <InfoCard title="Start a service with this pattern">
      {value.items.map(template => (
        <div key={template.metadata.name} style={{ marginBottom: 12 }}>
          <LinkButton
            variant="contained"
            color="primary"
            to={templatePath({
              namespace: template.metadata.namespace ?? 'default',
              name: template.metadata.name,
            })}
          >
            Create from template:{' '}
            {template.metadata.title ?? template.metadata.name}
          </LinkButton>
          {template.metadata.description && (
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ marginTop: 4 }}
            >
              {template.metadata.description}
            </Typography>
          )}
        </div>
      ))}
    </InfoCard>
  );
}

import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { UpgradeComponentButton } from './upgrade/UpgradeComponentButton';
import { UpgradeVersionButton } from './upgrade/UpgradeVersionButton';

/**
 * The components of a template at one version behind the current one, with
 * their owners, and the upgrades the user may start from here.
 */
export function ComponentsBehind(props: {
  template: Entity;
  version: string;
  count: number;
  /** The first of them, by owner. */
  components: Entity[];
  targetVersion: string;
}) {
  const { template, version, count, components, targetVersion } = props;
  const templateTitle = template.metadata.title ?? template.metadata.name;
  return (
    <div data-testid={`behind-${version}`}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography variant="body2">
          On {version}: {count} behind
        </Typography>
        <UpgradeVersionButton
          templateRef={stringifyEntityRef(template)}
          templateTitle={templateTitle}
          version={version}
          count={count}
          listed={components.map(entity => stringifyEntityRef(entity))}
          targetVersion={targetVersion}
        />
      </div>
      <List dense>
        {components.map(entity => (
          <ListItem
            key={stringifyEntityRef(entity)}
            disableGutters
            style={{ gap: 8 }}
          >
            <span>
              <EntityRefLink entityRef={entity} />
              &nbsp;on {version}, owned by&nbsp;
              {entity.spec?.owner ? (
                <EntityRefLink
                  entityRef={parseEntityRef(String(entity.spec.owner), {
                    defaultKind: 'group',
                    defaultNamespace: 'default',
                  })}
                />
              ) : (
                'nobody'
              )}
            </span>
            <UpgradeComponentButton
              entityRef={stringifyEntityRef(entity)}
              name={entity.metadata.name}
              templateTitle={templateTitle}
              version={version}
              targetVersion={targetVersion}
            />
          </ListItem>
        ))}
        {count > components.length && (
          <ListItem disableGutters>
            …and {count - components.length} more
          </ListItem>
        )}
      </List>
    </div>
  );
}

import { Link } from '@backstage/core-components';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardActions from '@material-ui/core/CardActions';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { ArchitecturePatternEntity } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { usePatternPath } from '../PatternLink/PatternLinkContext';
import { LevelChip } from '../shared/LevelChip';

/** One pattern in the catalog grid. */
export function PatternCard(props: { pattern: ArchitecturePatternEntity }) {
  const { pattern } = props;
  const patternPath = usePatternPath();
  const services = pattern.spec.awsServices ?? [];
  return (
    <Card
      variant="outlined"
      style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      data-testid={`pattern-card-${pattern.metadata.name}`}
    >
      <CardContent style={{ flexGrow: 1 }}>
        <div style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
          <LevelChip level={pattern.spec.level} />
          <Chip size="small" variant="outlined" label={pattern.spec.category} />
        </div>
        <Typography variant="h6" component="h2" gutterBottom>
          <Link to={patternPath(pattern.metadata.name)}>
            {pattern.metadata.title}
          </Link>
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {pattern.metadata.description}
        </Typography>
      </CardContent>
      <CardActions
        style={{
          flexWrap: 'wrap',
          gap: 4,
          padding: 16,
          justifyContent: 'flex-start',
        }}
      >
        {services.slice(0, 4).map(service => (
          <Chip key={service.name} size="small" label={service.name} />
        ))}
        {services.length > 4 && (
          <Typography variant="caption" color="textSecondary">
            +{services.length - 4} more
          </Typography>
        )}
      </CardActions>
    </Card>
  );
}

import { InfoCard, LinkButton } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  DecisionGuideEntity,
  guideDecisionRecord,
  Recommendation,
  renderDecisionRecord,
} from '@internal/backstage-plugin-architecture-patterns-common';
import {
  usePatternPath,
  useTemplatePath,
} from '../PatternLink/PatternLinkContext';
import { ComparisonLinks } from './ComparisonLinks';
import { downloadFile } from './downloadFile';

/** The recommendation of a guide, why, and where to go next. */
export function GuideResult(props: {
  guide: DecisionGuideEntity;
  recommendation: Recommendation;
}) {
  const { guide, recommendation } = props;
  const { recommended, runnerUp } = recommendation;
  const patternPath = usePatternPath();
  const templatePath = useTemplatePath();
  const titles = new Map(guide.spec.outcomes.map(o => [o.id, o.title]));

  const createUrl = recommended.template
    ? `${templatePath({
        namespace: 'default',
        name: recommended.template,
      })}?formData=${encodeURIComponent(
        JSON.stringify({
          ...recommendation.templateValues,
          // The pattern templates record this in the decision record.
          context: recommendation.tradeOff.slice(0, 500),
        }),
      )}`
    : undefined;

  const download = () =>
    downloadFile(
      `adr-${guide.metadata.name}-${recommended.id}.md`,
      renderDecisionRecord(
        guideDecisionRecord({
          guide,
          recommendation,
          date: new Date().toISOString().slice(0, 10),
        }),
      ),
    );

  return (
    <InfoCard title="Recommendation">
      <div aria-live="polite">
        <Typography variant="h5" component="p" data-testid="guide-recommended">
          {recommended.title}
        </Typography>
        <Typography variant="body1" paragraph data-testid="guide-trade-off">
          {recommendation.tradeOff}
        </Typography>
        {runnerUp && (
          <Typography
            variant="body2"
            color="textSecondary"
            paragraph
            data-testid="guide-runner-up"
          >
            Runner-up: {runnerUp.title} ({runnerUp.score} points against{' '}
            {recommended.score}), which gives {runnerUp.gives} at the cost of{' '}
            {runnerUp.costs}.
          </Typography>
        )}
      </div>
      <div
        style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}
      >
        <LinkButton
          to={patternPath(recommended.pattern)}
          variant="outlined"
          color="primary"
        >
          Read the pattern
        </LinkButton>
        {createUrl && (
          <LinkButton to={createUrl} variant="contained" color="primary">
            Create from template
          </LinkButton>
        )}
        <Button variant="outlined" onClick={download}>
          Download decision record
        </Button>
      </div>
      <Typography variant="subtitle2">
        How your answers moved the result
      </Typography>
      <List dense>
        {recommendation.reasons.map(reason => (
          <ListItem
            key={reason.questionId}
            disableGutters
            alignItems="flex-start"
          >
            <ListItemText
              style={{
                whiteSpace: 'normal',
                overflowWrap: 'anywhere',
                minWidth: 0,
              }}
              primary={`${reason.question} ${reason.answer}`}
              secondary={`${reason.because}. ${reason.moved
                .filter(m => m.points !== 0)
                .map(
                  m =>
                    `${m.points > 0 ? '+' : ''}${m.points} ${titles.get(
                      m.outcome,
                    )}`,
                )
                .join(', ')}`}
            />
          </ListItem>
        ))}
      </List>
      {(guide.spec.comparisons ?? []).length > 0 && (
        <Typography variant="body2">
          Compare side by side:{' '}
          <ComparisonLinks
            comparisons={guide.spec.comparisons!.map(c => ({
              guide: guide.metadata.name,
              ...c,
            }))}
          />
        </Typography>
      )}
    </InfoCard>
  );
}

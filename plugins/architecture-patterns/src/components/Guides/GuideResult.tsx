import { InfoCard, LinkButton } from '@backstage/core-components';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  DecisionGuideEntity,
  guideDecisionRecord,
  pointsText,
  Recommendation,
  renderDecisionRecord,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  usePatternPath,
  useTemplatePath,
} from '../PatternLink/PatternLinkContext';
import { ComparisonLinks } from './ComparisonLinks';
import { downloadFile } from '../shared/downloadFile';

const wrap = {
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
  minWidth: 0,
} as const;

/** The answers a recommendation was given: question id to answer id. */
const answersOf = (recommendation: Recommendation) =>
  Object.fromEntries(
    recommendation.reasons.map(r => [r.questionId, r.answerId]),
  );

/** The recommendation of a guide, why, and where to go next. */
export function GuideResult(props: {
  guide: DecisionGuideEntity;
  recommendation: Recommendation;
}) {
  const { guide, recommendation } = props;
  const titles = new Map(guide.spec.outcomes.map(o => [o.id, o.title]));
  const title = {
    recommended: 'Recommendation',
    tie: 'Recommendation: a tie',
    conflict: 'Recommendation: conflicting requirements',
  }[recommendation.status];

  return (
    <InfoCard title={title}>
      <div aria-live="polite">
        {recommendation.status === 'recommended' && (
          <Recommended guide={guide} recommendation={recommendation} />
        )}
        {recommendation.status === 'tie' && (
          <Tie recommendation={recommendation} titles={titles} />
        )}
        {recommendation.status === 'conflict' && (
          <Conflict recommendation={recommendation} titles={titles} />
        )}
      </div>
      {recommendation.ruledOut.length > 0 && (
        <>
          <Typography variant="subtitle2">
            Ruled out by your requirements
          </Typography>
          <List dense data-testid="guide-ruled-out">
            {recommendation.ruledOut.map(ruled => (
              <ListItem key={ruled.outcome} disableGutters>
                <ListItemText
                  style={wrap}
                  primary={ruled.title}
                  secondary={ruled.by
                    .map(
                      b =>
                        `${
                          b.rule === 'excludes'
                            ? 'Excluded by'
                            : 'Not what is required by'
                        } "${b.answer}" (${b.question})`,
                    )
                    .join('; ')}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
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
              style={wrap}
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

function Recommended(props: {
  guide: DecisionGuideEntity;
  recommendation: Recommendation;
}) {
  const { guide, recommendation } = props;
  const recommended = recommendation.recommended!;
  const { runnerUp } = recommendation;
  const patternPath = usePatternPath();
  const templatePath = useTemplatePath();

  const createUrl = recommended.template
    ? `${templatePath({
        namespace: DEFAULT_NAMESPACE,
        name: recommended.template,
      })}?formData=${encodeURIComponent(
        JSON.stringify({
          ...recommendation.templateValues,
          // The pattern templates record this in the decision record.
          context: recommendation.tradeOff.slice(0, 500),
          // The decision record step re-runs the guide on these answers.
          decisionGuide: guide.metadata.name,
          decisionGuideAnswers: answersOf(recommendation),
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
    <>
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
    </>
  );
}

function Tie(props: {
  recommendation: Recommendation;
  titles: Map<string, string>;
}) {
  const { recommendation, titles } = props;
  const tie = recommendation.tie!;
  const patternPath = usePatternPath();
  return (
    <div data-testid="guide-tie">
      <Typography variant="h5" component="p">
        A tie between {tie.outcomes.length} options
      </Typography>
      <Typography variant="body1" paragraph data-testid="guide-trade-off">
        {recommendation.tradeOff} The guide does not pick one for you.
      </Typography>
      <List dense>
        {tie.outcomes.map(outcome => (
          <ListItem key={outcome.id} disableGutters alignItems="flex-start">
            <ListItemText
              style={wrap}
              primary={`${outcome.title} (${pointsText(outcome.score)})`}
              secondary={`Gives ${outcome.gives}; costs ${outcome.costs}.`}
            />
            <LinkButton
              to={patternPath(outcome.pattern)}
              variant="outlined"
              color="primary"
              size="small"
              aria-label={`Read the pattern: ${outcome.title}`}
            >
              Pattern
            </LinkButton>
          </ListItem>
        ))}
      </List>
      <Typography variant="subtitle2">What would separate them</Typography>
      {tie.separators.length ? (
        <List dense data-testid="guide-separators">
          {tie.separators.map(s => (
            <ListItem key={`${s.questionId}=${s.answerId}`} disableGutters>
              <ListItemText
                style={wrap}
                primary={`${s.change ? 'Changing to' : 'Answering'} "${
                  s.answer
                }" (${s.question})`}
                secondary={`would recommend ${titles.get(s.favours)}`}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2" paragraph>
          No single answer separates them: weigh the two trade-offs above.
        </Typography>
      )}
    </div>
  );
}

function Conflict(props: {
  recommendation: Recommendation;
  titles: Map<string, string>;
}) {
  const { recommendation, titles } = props;
  const conflict = recommendation.conflict!;
  return (
    <div data-testid="guide-conflict">
      <Typography variant="h5" component="p">
        No option meets every requirement
      </Typography>
      <Typography variant="body1" paragraph data-testid="guide-trade-off">
        {recommendation.tradeOff}
      </Typography>
      <Typography variant="subtitle2">These answers conflict</Typography>
      <List dense data-testid="guide-conflicting-answers">
        {conflict.answers.map(a => (
          <ListItem key={a.questionId} disableGutters>
            <ListItemText style={wrap} primary={`${a.question} ${a.answer}`} />
          </ListItem>
        ))}
      </List>
      <Typography variant="subtitle2">What would resolve it</Typography>
      {conflict.resolutions.length ? (
        <List dense data-testid="guide-resolutions">
          {conflict.resolutions.map(r => (
            <ListItem key={`${r.questionId}=${r.answerId}`} disableGutters>
              <ListItemText
                style={wrap}
                primary={`${r.question} "${r.answer}" instead of "${r.instead}"`}
                secondary={`leaves ${r.leaves
                  .map(id => titles.get(id))
                  .join(', ')}`}
              />
            </ListItem>
          ))}
        </List>
      ) : (
        <Typography variant="body2" paragraph>
          No single change resolves it; more than one of these requirements has
          to give way.
        </Typography>
      )}
    </div>
  );
}

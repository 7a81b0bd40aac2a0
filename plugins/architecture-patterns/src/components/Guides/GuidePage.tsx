import { useMemo } from 'react';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import {
  DECISION_GUIDE_KIND,
  DecisionGuideEntity,
  isDecisionGuideEntity,
  recommend,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { usePatternCatalogPath } from '../PatternLink/PatternLinkContext';
import { NotFoundContent } from '../NotFound/NotFound';
import { GuideResult } from './GuideResult';
import { useGuideAnswers } from './useGuideAnswers';

/** A decision guide: questions on the left, the live recommendation on the right. */
export function GuidePage() {
  const { guide: name = '' } = useParams();
  const catalogApi = useApi(catalogApiRef);
  const base = usePatternCatalogPath();
  const [answers, setAnswer, clearAnswers] = useGuideAnswers();
  const { value, loading, error } = useAsync(
    () =>
      catalogApi.getEntityByRef({
        kind: DECISION_GUIDE_KIND,
        namespace: DEFAULT_NAMESPACE,
        name,
      }),
    [catalogApi, name],
  );
  const guide =
    value && isDecisionGuideEntity(value)
      ? (value as DecisionGuideEntity)
      : undefined;

  const outcome = useMemo(() => {
    if (!guide) return undefined;
    try {
      return { recommendation: recommend(guide, answers) };
    } catch (e) {
      return { error: e as Error };
    }
  }, [guide, answers]);
  const answeredCount = guide
    ? guide.spec.questions.filter(q => answers[q.id]).length
    : 0;

  return (
    <Page themeId="tool">
      <Header
        title={guide?.metadata.title ?? name}
        subtitle={guide?.metadata.description}
        type="Decision guides"
        typeLink={`${base}/guides`}
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {!loading && !error && !guide && (
          <NotFoundContent title={`No decision guide named "${name}"`}>
            The catalog has no decision guide of this name.
          </NotFoundContent>
        )}
        {guide && outcome?.error && (
          <WarningPanel
            severity="error"
            title="This link has answers the guide does not know"
          >
            {outcome.error.message}
          </WarningPanel>
        )}
        {guide && (
          <Grid container spacing={3}>
            <Grid item xs={12} md={7}>
              <InfoCard
                title={`Questions (${answeredCount} of ${guide.spec.questions.length} answered)`}
              >
                {guide.spec.questions.map(question => (
                  <FormControl
                    key={question.id}
                    component="fieldset"
                    fullWidth
                    style={{ marginBottom: 24 }}
                  >
                    <FormLabel component="legend">{question.text}</FormLabel>
                    {question.help && (
                      <Typography variant="caption" color="textSecondary">
                        {question.help}
                      </Typography>
                    )}
                    <RadioGroup
                      name={question.id}
                      value={answers[question.id] ?? ''}
                      onChange={e => setAnswer(question.id, e.target.value)}
                    >
                      {question.answers.map(answer => (
                        <FormControlLabel
                          key={answer.id}
                          value={answer.id}
                          control={<Radio color="primary" />}
                          label={answer.label}
                        />
                      ))}
                    </RadioGroup>
                  </FormControl>
                ))}
                <Button variant="text" onClick={clearAnswers}>
                  Start over
                </Button>
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={5}>
              {outcome?.recommendation && answeredCount > 0 ? (
                <GuideResult
                  guide={guide}
                  recommendation={outcome.recommendation}
                />
              ) : (
                <InfoCard title="Recommendation">
                  <Typography variant="body2">
                    Answer the questions; the recommendation and the trade-off
                    behind it appear here and update as you go.
                  </Typography>
                </InfoCard>
              )}
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}

import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  ConformanceResult,
  ConformanceRule,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { ConformanceStatusLabel } from '../Conformance/ConformanceStatusLabel';
import {
  absoluteTime,
  relativeTime,
  STATUS_TEXT,
} from '../Conformance/conformanceText';

const useStyles = makeStyles(theme => ({
  // The catalog theme keeps list item text on one line; a rule or a reason
  // must wrap.
  root: {
    marginTop: theme.spacing(0.5),
    color: theme.palette.text.primary,
    whiteSpace: 'normal',
  },
  meta: { color: theme.palette.text.secondary },
  rules: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2.5) },
  severity: {
    display: 'inline-block',
    padding: '0 6px',
    marginRight: theme.spacing(0.75),
    border: `1px solid ${theme.palette.text.secondary}`,
    borderRadius: 4,
    fontSize: '0.75rem',
    textTransform: 'uppercase',
    lineHeight: 1.6,
  },
}));

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

const SOURCE_TEXT: Record<ConformanceResult['source'], string> = {
  ci: 'by CI',
  portal: 'by the portal',
};

/** When, where and on which commit a verdict was reached. */
function ResultMeta(props: { result: ConformanceResult }) {
  const classes = useStyles();
  const { commit, checkedAt, source } = props.result;
  return (
    <Typography variant="caption" component="p" className={classes.meta}>
      Checked{' '}
      <time dateTime={checkedAt} title={absoluteTime(checkedAt)}>
        {relativeTime(checkedAt)}
      </time>{' '}
      {SOURCE_TEXT[source] ?? ''}
      {commit && (
        <>
          {' '}
          at commit{' '}
          <code title={commit} data-testid="commit">
            {commit.slice(0, 7)}
          </code>
        </>
      )}
    </Typography>
  );
}

/**
 * One pattern's verdict on the entity: conforming, the failing rules with
 * what they check and how much they matter, or why it was not checked.
 */
export function PatternConformance(props: {
  /** The pattern's conformance rules; undefined when it has none. */
  rules: ConformanceRule[] | undefined;
  /** The latest result, when the pattern has been evaluated. */
  result: ConformanceResult | undefined;
}) {
  const classes = useStyles();
  const { rules, result } = props;

  if (!rules || rules.length === 0) {
    return (
      <div className={classes.root}>
        <ConformanceStatusLabel
          status="not-checked"
          text="Not checked: this pattern has no conformance rules"
        />
      </div>
    );
  }
  if (!result) {
    return (
      <div className={classes.root}>
        <ConformanceStatusLabel
          status="not-checked"
          text="Not checked: not evaluated yet"
        />
      </div>
    );
  }

  const failing = result.failingRules.map(
    id =>
      rules.find(rule => rule.id === id) ?? {
        id,
        description: 'A rule the pattern no longer lists',
        severity: undefined,
      },
  );
  let text = STATUS_TEXT[result.status];
  if (result.status === 'non-conforming') {
    text += `: ${failing.length} of ${rules.length} rules fail`;
  } else if (result.status === 'not-checked') {
    text += `: ${result.reason ?? 'no reason given'}`;
  }
  return (
    <div className={classes.root}>
      <ConformanceStatusLabel status={result.status} text={text} />
      {result.status === 'non-conforming' && failing.length > 0 && (
        <ul className={classes.rules} aria-label="Failing rules">
          {failing.map(rule => (
            <li key={rule.id}>
              {rule.severity && (
                <span className={classes.severity}>
                  {rule.severity}
                  <span style={visuallyHidden}> severity:</span>
                </span>
              )}{' '}
              {rule.description} (<code>{rule.id}</code>)
            </li>
          ))}
        </ul>
      )}
      <ResultMeta result={result} />
    </div>
  );
}

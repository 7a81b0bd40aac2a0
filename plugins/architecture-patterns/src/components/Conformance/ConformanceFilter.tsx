import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  CONFORMANCE_STATUSES,
  ConformanceStatus,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { ConformanceStatusLabel } from './ConformanceStatusLabel';

let nextId = 0;

const useStyles = makeStyles(theme => ({
  group: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
  },
  button: {
    textTransform: 'none',
    color: theme.palette.text.primary,
  },
  pressed: {
    backgroundColor: theme.palette.action.selected,
    borderColor: theme.palette.primary.main,
    borderWidth: 2,
    '&:hover': { backgroundColor: theme.palette.action.selected },
  },
  count: { fontWeight: theme.typography.fontWeightBold as number },
}));

/**
 * Adopters per conformance verdict, as toggle buttons that filter by it:
 * pressing a verdict shows only its adopters, pressing it again (or "All")
 * shows them all.
 */
export function ConformanceFilter(props: {
  /** What the group is called, for assistive technology. */
  label: string;
  /** A visible heading above the buttons, which then names the group. */
  heading?: string;
  /** Adopters per verdict; undefined while they are counted. */
  counts: Record<ConformanceStatus, number> | undefined;
  value: ConformanceStatus | undefined;
  onChange: (value: ConformanceStatus | undefined) => void;
}) {
  const classes = useStyles();
  // Not React 18's useId: the plugin supports React 16 and 17 too.
  const [headingId] = useState(() => `conformance-filter-${(nextId += 1)}`);
  const { counts, value, onChange } = props;
  const count = (n: number | undefined) => (
    <span className={classes.count}>&nbsp;{n ?? '…'}</span>
  );
  const total = counts
    ? CONFORMANCE_STATUSES.reduce((sum, status) => sum + counts[status], 0)
    : undefined;
  return (
    <div>
      {props.heading && (
        <Typography
          variant="subtitle2"
          component="p"
          id={headingId}
          style={{ marginBottom: 4 }}
        >
          {props.heading}
        </Typography>
      )}
      <div
        role="group"
        aria-label={props.heading ? undefined : props.label}
        aria-labelledby={props.heading ? headingId : undefined}
        className={classes.group}
      >
        <Button
          variant="outlined"
          size="small"
          className={`${classes.button} ${value ? '' : classes.pressed}`}
          aria-pressed={!value}
          onClick={() => onChange(undefined)}
        >
          All{count(total)}
        </Button>
        {CONFORMANCE_STATUSES.map(status => (
          <Button
            key={status}
            variant="outlined"
            size="small"
            className={`${classes.button} ${
              value === status ? classes.pressed : ''
            }`}
            aria-pressed={value === status}
            data-testid={`conformance-count-${status}`}
            onClick={() => onChange(value === status ? undefined : status)}
          >
            <ConformanceStatusLabel status={status} />
            {count(counts?.[status])}
          </Button>
        ))}
      </div>
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        style={{ marginTop: 4 }}
      >
        Checked with the pattern's conformance rules on each adopter's
        synthesized CloudFormation. Not checked: no result yet, or the check
        could not run.
      </Typography>
    </div>
  );
}

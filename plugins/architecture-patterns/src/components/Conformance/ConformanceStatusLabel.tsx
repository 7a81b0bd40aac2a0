import type { ConformanceStatus } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import { STATUS_TEXT } from './conformanceText';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
  // The bare name stays on one line; a longer text (a reason) wraps.
  short: { whiteSpace: 'nowrap' },
  long: {
    whiteSpace: 'normal',
    alignItems: 'flex-start',
    '& svg': { marginTop: '0.15em' },
  },

  icon: { fontSize: '1.15em', flexShrink: 0 },
  // Dark shades: the icon carries the colour, the text stays readable.
  conforming: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.success.light
        : theme.palette.success.dark,
  },
  'non-conforming': {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.error.light
        : theme.palette.error.dark,
  },
  'not-checked': { color: theme.palette.text.secondary },
}));

const ICONS = {
  conforming: CheckCircleIcon,
  'non-conforming': CancelIcon,
  'not-checked': HelpOutlineIcon,
};

/**
 * A verdict as an icon and its name: the colour is never the only sign.
 * `text` replaces the name (e.g. "cqrs: Conforming").
 */
export function ConformanceStatusLabel(props: {
  status: ConformanceStatus;
  text?: string;
}) {
  const classes = useStyles();
  const Icon = ICONS[props.status];
  return (
    <span
      className={`${classes.root} ${
        props.text === undefined ? classes.short : classes.long
      }`}
      data-testid="conformance-status"
      data-status={props.status}
    >
      <Icon
        className={`${classes.icon} ${classes[props.status]}`}
        aria-hidden="true"
      />
      <span>{props.text ?? STATUS_TEXT[props.status]}</span>
    </span>
  );
}

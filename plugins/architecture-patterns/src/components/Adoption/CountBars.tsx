import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';

/** A horizontal bar chart of counts; each bar can narrow the view. */
export function CountBars(props: {
  title: string;
  rows: Array<{ key: string; label: string; count: number }>;
  onSelect?: (key: string) => void;
}) {
  const theme = useTheme();
  const max = Math.max(1, ...props.rows.map(r => r.count));
  return (
    <figure style={{ margin: 0 }} aria-label={props.title}>
      {props.rows.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          Nothing to show for these filters.
        </Typography>
      )}
      {props.rows.map(row => (
        <div
          key={row.key}
          style={{
            display: 'grid',
            gridTemplateColumns: 'minmax(6rem, 45%) 1fr 3rem',
            alignItems: 'center',
            gap: 8,
            marginBottom: 4,
          }}
          data-testid={`bar-${row.key}`}
        >
          {props.onSelect ? (
            <button
              type="button"
              onClick={() => props.onSelect!(row.key)}
              style={{
                all: 'unset',
                cursor: 'pointer',
                color: theme.palette.primary.main,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
              title={`Show only ${row.label}`}
            >
              {row.label}
            </button>
          ) : (
            <span>{row.label}</span>
          )}
          <div
            role="presentation"
            style={{
              height: 14,
              width: `${(row.count / max) * 100}%`,
              minWidth: 2,
              background: theme.palette.primary.main,
              borderRadius: 3,
            }}
          />
          <span style={{ textAlign: 'right' }}>{row.count}</span>
        </div>
      ))}
    </figure>
  );
}

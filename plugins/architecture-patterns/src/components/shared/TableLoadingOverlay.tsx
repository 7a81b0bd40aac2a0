import { forwardRef } from 'react';
import CircularProgress from '@material-ui/core/CircularProgress';
import { useTheme } from '@material-ui/core/styles';

/**
 * The table's loading overlay, as material-table draws it but with a name on
 * the progress indicator, so screen readers announce what is loading (axe:
 * aria-progressbar-name).
 */
export const TableLoadingOverlay = forwardRef<
  HTMLDivElement,
  { label: string }
>(function LabelledOverlay(props, ref) {
  const theme = useTheme();
  return (
    <div
      ref={ref}
      style={{
        display: 'table',
        width: '100%',
        height: '100%',
        backgroundColor: theme.palette.background.paper,
        opacity: 0.7,
      }}
    >
      <div
        style={{
          display: 'table-cell',
          verticalAlign: 'middle',
          textAlign: 'center',
        }}
      >
        <CircularProgress aria-label={props.label} />
      </div>
    </div>
  );
});

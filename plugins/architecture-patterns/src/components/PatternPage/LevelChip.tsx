import Chip from '@material-ui/core/Chip';

const COLORS: Record<string, string> = {
  beginner: '#2e7d32',
  intermediate: '#ef6c00',
  advanced: '#6a1b9a',
};

/** The level of a pattern, colour coded. */
export function LevelChip(props: { level: string }) {
  return (
    <Chip
      size="small"
      label={props.level}
      style={{
        backgroundColor: COLORS[props.level] ?? '#616161',
        color: '#fff',
      }}
    />
  );
}

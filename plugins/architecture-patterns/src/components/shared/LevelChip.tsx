import Chip from '@material-ui/core/Chip';

/** Each at least 5:1 against the chip's white text (WCAG AA asks 4.5:1). */
const COLORS: Record<string, string> = {
  beginner: '#2e7d32',
  intermediate: '#b35000',
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

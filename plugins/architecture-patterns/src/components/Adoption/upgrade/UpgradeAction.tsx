import { ReactNode, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';

let dialogCount = 0;

/**
 * A button that asks for confirmation in a dialog saying what will happen,
 * then runs `onConfirm`. A failure stays in the dialog, with its reason, so
 * the user can try again or cancel; closing the dialog gives the focus back
 * to the button.
 */
export function UpgradeAction(props: {
  /** The button's visible text. */
  label: string;
  /** The button's accessible name; it starts with the visible text. */
  name: string;
  title: string;
  description: ReactNode;
  onConfirm: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<Error>();
  // Not React's useId: the plugin supports React 16 and 17 too.
  const [id] = useState(() => `upgrade-dialog-${++dialogCount}`);

  const close = () => {
    setOpen(false);
    setError(undefined);
  };
  const confirm = async () => {
    setStarting(true);
    setError(undefined);
    try {
      await props.onConfirm();
      setOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setStarting(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        variant="outlined"
        aria-label={props.name}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </Button>
      <Dialog
        open={open}
        onClose={starting ? undefined : close}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
      >
        <DialogTitle id={`${id}-title`}>{props.title}</DialogTitle>
        <DialogContent>
          <DialogContentText id={`${id}-description`} component="div">
            {props.description}
          </DialogContentText>
          {error && (
            <Typography role="alert" color="error">
              Could not start the upgrade: {error.message}
            </Typography>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={starting}>
            Cancel
          </Button>
          <Button
            onClick={confirm}
            disabled={starting}
            color="primary"
            variant="contained"
          >
            {starting ? 'Starting…' : 'Start upgrade'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

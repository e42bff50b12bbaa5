import { DialogFrame, type DialogFrameProps } from '../../components/DialogFrame';
import { closeImageDialog } from './image-dialogs-store';

/** The frame of the images page's dialogs: closing one (Escape, ×, Cancel) closes the dialog the store has open. */
export function ImageDialogFrame(props: Omit<DialogFrameProps, 'onOpenChange'>) {
  return <DialogFrame {...props} onOpenChange={(o) => !o && closeImageDialog()} />;
}

import { RemoveContainerDialog } from '../pages/containers/RemoveContainerDialog';
import { NetworkDialogs } from '../pages/networks/NetworkDialogs';
import { NewStackDialog, OpenStackDialog } from '../pages/stacks/StackDialogs';
import { VolumeDialogs } from '../pages/volumes/VolumeDialogs';
import { useVolumes } from '../data/volumes';
import { closePaletteDialog, openPaletteDialog, type PaletteDialog } from './palette-store';

/**
 * The dialogs the palette opens, as the pages show them: the same components, so the same plan is computed and the
 * same confirmation stands between a key press and anything lost. Loaded on first use.
 */
export function PaletteDialogs({ dialog }: { dialog: PaletteDialog }) {
  const sizes = useVolumes((s) => s.sizes);
  switch (dialog.kind) {
    case 'remove-container':
      return <RemoveContainerDialog container={dialog.container} onClose={closePaletteDialog} />;
    case 'volume':
      return <VolumeDialogs dialog={dialog.dialog} sizes={sizes} onClose={closePaletteDialog} onOpen={(d) => openPaletteDialog({ kind: 'volume', dialog: d })} />;
    case 'network':
      return <NetworkDialogs dialog={dialog.dialog} onClose={closePaletteDialog} />;
    case 'stack': {
      const Stack = dialog.which === 'new' ? NewStackDialog : OpenStackDialog;
      return <Stack open onOpenChange={(open) => !open && closePaletteDialog()} />;
    }
  }
}

import { useRef } from 'react';
import { DialogFrame } from '../components/DialogFrame';
import { ContainerizeDialog } from './ContainerizeDialog';
import { closeDockerfileDialog, useDockerfileDialogs } from './dockerfile-dialogs';
import { DockerfilePanel, type DockerfilePanelHandle } from './DockerfilePanel';

/** Mounts whichever Dockerfile dialog is open (see dockerfile-dialogs.ts). */
export function DockerfileDialogs() {
  const dialog = useDockerfileDialogs((s) => s.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'containerize') return <ContainerizeDialog initialFolder={dialog.folder} />;
  return <EditDialog key={dialog.path} path={dialog.path} step={dialog.step ?? null} />;
}

function EditDialog({ path, step }: { path: string; step: number | null }) {
  const panel = useRef<DockerfilePanelHandle>(null);
  return (
    <DialogFrame
      title={step ? `Dockerfile — the build failed at step ${step}` : 'Dockerfile'}
      onOpenChange={(o) => {
        if (o) return;
        void panel.current?.saveIfDirty().then((ok) => ok && closeDockerfileDialog());
      }}
      size="xl"
      testId="dockerfile-dialog"
      cancelLabel="Close"
      footer={
        <>
          <span className="muted" style={{ flex: 1, fontSize: 12 }}>
            Silence a rule with <code># berth-ignore: rule-id</code> above the instruction.
          </span>
          <button type="button" className="btn" onClick={closeDockerfileDialog}>
            Close without saving
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void panel.current?.saveIfDirty().then((ok) => ok && closeDockerfileDialog())}>
            Save and close
          </button>
        </>
      }
    >
      <DockerfilePanel path={path} step={step} handle={panel} />
    </DialogFrame>
  );
}

import { useRef } from 'react';
import { DialogFrame } from '../components/DialogFrame';
import { HostPathPicker } from '../components/HostPathPicker';
import { ContainerizeDialog } from './ContainerizeDialog';
import { closeDockerfileDialog, openDockerfileDialog, useDockerfileDialogs } from './dockerfile-dialogs';
import { DockerfilePanel, type DockerfilePanelHandle } from './DockerfilePanel';

/** Mounts whichever Dockerfile dialog is open (see dockerfile-dialogs.ts). */
export function DockerfileDialogs() {
  const dialog = useDockerfileDialogs((s) => s.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'containerize') return <ContainerizeDialog initialFolder={dialog.folder} />;
  if (dialog.kind === 'pick') {
    return (
      <HostPathPicker
        open
        // The picker closes itself after a choice too: by then the editor is the dialog, and stays.
        onOpenChange={(o) => !o && useDockerfileDialogs.getState().dialog?.kind === 'pick' && closeDockerfileDialog()}
        mode="file"
        filter={['Dockerfile', 'Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile']}
        filterLabel="Dockerfiles"
        title="Open a Dockerfile"
        onSelect={(path) => openDockerfileDialog({ kind: 'edit', path })}
      />
    );
  }
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

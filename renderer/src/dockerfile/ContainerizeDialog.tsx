import { Boxes, FileCheck2, Hammer, PackagePlus } from 'lucide-react';
import { useState } from 'react';
import type { ContainerizeFileName, ContainerizeProposal } from '../../../preload/contract/dockerfiles';
import { berth } from '../api';
import { CodeEditor } from '../components/CodeEditor';
import { DialogFrame } from '../components/DialogFrame';
import { PathInput } from '../components/PathInput';
import { errorMessage } from '../format/error-message';
import { openImageDialog } from '../pages/images/image-dialogs-store';
import { DiffView } from '../pages/stacks/DiffView';
import { useStacksStore } from '../pages/stacks/stacks-store';
import { useNavigation } from '../stores/navigation-store';
import { toast } from '../stores/toast-store';
import { closeDockerfileDialog } from './dockerfile-dialogs';
import { DockerfileEditor } from './DockerfileEditor';

const LANGUAGES: Record<ContainerizeFileName, string> = { Dockerfile: 'dockerfile', '.dockerignore': 'plaintext', 'compose.yaml': 'yaml' };
const KIND_LABELS = { python: 'Python', node: 'Node.js', go: 'Go', static: 'Static site', other: 'Other' } as const;

interface Draft {
  text: string;
  /** Write this file. New files start ticked; an existing one only when the user ticks "Replace" after the diff. */
  write: boolean;
}

/**
 * Containerize a folder (what `docker init` does, in the UI): pick the project folder, see what Berth proposes (a
 * Dockerfile, a .dockerignore, a compose.yaml), edit it, and write it. Nothing is written before "Write"; an
 * existing file is replaced only when ticked after its diff, and main refuses anything that changed since.
 * Then: build, or open as a stack.
 */
export function ContainerizeDialog({ initialFolder }: { initialFolder?: string | undefined }) {
  const [folder, setFolder] = useState(initialFolder ?? '');
  const [proposal, setProposal] = useState<ContainerizeProposal | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [tab, setTab] = useState<ContainerizeFileName>('Dockerfile');
  const [showDiff, setShowDiff] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<string[] | null>(null);

  const propose = async () => {
    setBusy(true);
    setError(null);
    try {
      const p = await berth.dockerfiles.propose({ folder: folder.trim() });
      setProposal(p);
      setDrafts(Object.fromEntries(p.files.map((f) => [f.name, { text: f.text, write: f.disk.stamp === null }])));
      setWritten(null);
    } catch (e) {
      setProposal(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const write = async () => {
    if (!proposal) return;
    const files = proposal.files.filter((f) => drafts[f.name]?.write).map((f) => ({ name: f.name, text: drafts[f.name]!.text, expected: f.disk.stamp }));
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const r = await berth.dockerfiles.write({ folder: proposal.folder, files });
      if (!r.ok) {
        setError(`${r.conflicts.map((c) => c.name).join(', ')} changed on disk since the preview: nothing was written. Look at the new version and choose again.`);
        const fresh = await berth.dockerfiles.propose({ folder: proposal.folder });
        setProposal({ ...fresh, files: fresh.files.map((f) => ({ ...f, text: drafts[f.name]?.text ?? f.text })) });
        setDrafts((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, { ...v, write: v.write && !r.conflicts.some((c) => c.name === k) }])));
        return;
      }
      setWritten(r.written.map((w) => w.path));
      toast.success('Written', r.written.map((w) => w.name).join(', '));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const openAsStack = async () => {
    if (!proposal) return;
    try {
      const doc = await berth.stacks.open({ path: `${proposal.folder}/compose.yaml` });
      await useStacksStore.getState().refresh();
      closeDockerfileDialog();
      useNavigation.getState().open(doc.path, null, 'stacks');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const build = () => {
    if (!proposal) return;
    closeDockerfileDialog();
    openImageDialog({ kind: 'build', context: proposal.folder, tags: [proposal.imageName] });
  };

  const current = proposal?.files.find((f) => f.name === tab);
  const draft = current ? drafts[current.name] : undefined;
  const setDraft = (name: string, d: Partial<Draft>) => setDrafts((all) => ({ ...all, [name]: { ...all[name]!, ...d } }));
  const toWrite = proposal ? proposal.files.filter((f) => drafts[f.name]?.write) : [];
  const exists = (name: string) => proposal?.files.find((f) => f.name === name)?.disk.stamp != null;

  return (
    <DialogFrame
      title="Containerize a folder"
      onOpenChange={(o) => !o && closeDockerfileDialog()}
      size="xl"
      testId="containerize-dialog"
      error={error}
      busy={busy}
      cancelLabel={written ? 'Close' : 'Cancel'}
      actions={
        proposal ? (
          <>
            {(written || exists('compose.yaml')) && (
              <button type="button" className="btn" onClick={() => void openAsStack()} disabled={!written?.some((p) => p.endsWith('/compose.yaml')) && !exists('compose.yaml')}>
                <Boxes size={14} aria-hidden /> Open as a stack
              </button>
            )}
            {(written || exists('Dockerfile')) && (
              <button type="button" className={written ? 'btn btn-primary' : 'btn'} onClick={build}>
                <Hammer size={14} aria-hidden /> Build…
              </button>
            )}
            {!written && (
              <button type="button" className="btn btn-primary" disabled={busy || toWrite.length === 0} onClick={() => void write()}>
                <FileCheck2 size={14} aria-hidden /> Write {toWrite.map((f) => f.name).join(', ') || 'nothing'}
              </button>
            )}
          </>
        ) : (
          <button type="button" className="btn btn-primary" disabled={busy || !folder.trim()} onClick={() => void propose()}>
            <PackagePlus size={14} aria-hidden /> Propose files
          </button>
        )
      }
    >
      <div className="dockerfile-dialog-body">
        <div className="image-field">
          <label htmlFor="containerize-folder">Project folder</label>
          <PathInput
            id="containerize-folder"
            mode="folder"
            value={folder}
            onChange={(v) => {
              setFolder(v);
              setProposal(null);
              setWritten(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && folder.trim()) {
                e.preventDefault();
                void propose();
              }
            }}
            placeholder="/home/me/project"
            autoFocus
            browseLabel="Browse for the project folder"
            pickerTitle="Project folder"
          />
        </div>
        {!proposal && <p className="muted">Berth looks at the folder (package.json, requirements.txt, pyproject.toml, go.mod, index.html) and proposes a Dockerfile, a .dockerignore and a compose.yaml. Nothing is written until you say so.</p>}
        {proposal && (
          <>
            <div className="containerize-summary" data-testid="containerize-summary">
              <span className="badge">{KIND_LABELS[proposal.kind]}</span>
              <span>{proposal.summary}</span>
              {proposal.port !== null && <span className="muted">port {proposal.port}</span>}
              <span className="muted mono">image {proposal.imageName}</span>
            </div>
            {proposal.notes.length > 0 && (
              <ul className="containerize-notes">
                {proposal.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
            {written && (
              <p className="stack-note" role="status" data-testid="containerize-written">
                Written: {written.join(', ')}. Build the image, or open the compose file as a stack.
              </p>
            )}
            <div className="containerize-tabs" role="tablist">
              {proposal.files.map((f) => (
                <button key={f.name} type="button" role="tab" className="containerize-tab" aria-selected={tab === f.name} onClick={() => setTab(f.name)}>
                  {f.name}
                  <span className={`containerize-file-state${f.disk.stamp ? ' exists' : ''}`}>{f.disk.stamp ? (f.disk.text === drafts[f.name]?.text ? 'same as on disk' : 'exists') : 'new'}</span>
                </button>
              ))}
            </div>
            {current && draft && (
              <div className="containerize-file-body" key={current.name}>
                <div className="dockerfile-dialog-bar">
                  {current.disk.stamp ? (
                    <>
                      <label>
                        <input type="checkbox" checked={draft.write} disabled={!!written} onChange={(e) => setDraft(current.name, { write: e.target.checked })} /> Replace the existing {current.name}
                      </label>
                      <span className="spacer" />
                      <label>
                        <input type="checkbox" checked={showDiff} onChange={(e) => setShowDiff(e.target.checked)} /> Show the difference
                      </label>
                    </>
                  ) : (
                    <label>
                      <input type="checkbox" checked={draft.write} disabled={!!written} onChange={(e) => setDraft(current.name, { write: e.target.checked })} /> Write {current.name} (new)
                    </label>
                  )}
                </div>
                {current.disk.stamp && showDiff ? (
                  <div className="containerize-diff">
                    <DiffView original={current.disk.text} modified={draft.text} language={LANGUAGES[current.name]} ariaLabel={`${current.name}: on disk against the proposal`} />
                  </div>
                ) : current.name === 'Dockerfile' ? (
                  <DockerfileEditor value={draft.text} onChange={(t) => setDraft('Dockerfile', { text: t })} facts={null} ariaLabel="Proposed Dockerfile" readOnly={!!written} />
                ) : (
                  <CodeEditor key={current.name} value={draft.text} language={LANGUAGES[current.name]} ariaLabel={`Proposed ${current.name}`} onChange={(t) => setDraft(current.name, { text: t })} readOnly={!!written} />
                )}
              </div>
            )}
          </>
        )}
      </div>
    </DialogFrame>
  );
}

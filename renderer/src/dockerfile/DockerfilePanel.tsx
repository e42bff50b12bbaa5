import { Save } from 'lucide-react';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { OpenedDockerfile } from '../../../preload/contract/dockerfiles';
import type { StackFile } from '../../../preload/contract/stacks';
import { berth } from '../api';
import { errorMessage } from '../format/error-message';
import { toast } from '../stores/toast-store';
import { DockerfileEditor } from './DockerfileEditor';
import type { QuickFix } from './lint';
import { lineOfStep } from './lint';

export interface DockerfilePanelHandle {
  /** Saves unsaved changes; false when nothing could be saved (a conflict, an error). */
  saveIfDirty(): Promise<boolean>;
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * One Dockerfile on disk, editable: opened with its stamp and its context's facts, saved exactly as typed through
 * main's conflict check (a file changed on disk is not overwritten unless the user says so), a `.dockerignore`
 * created beside it by the lint's fix (never over one that exists). `step` (a failed build's) puts the cursor on
 * that instruction.
 */
export function DockerfilePanel({ path, step, handle, onSaved }: { path: string; step?: number | null; handle?: Ref<DockerfilePanelHandle>; onSaved?(): void }) {
  const [opened, setOpened] = useState<OpenedDockerfile | null>(null);
  const [text, setTextState] = useState('');
  // What the editor holds now: a save reads this, not the last render's `text`, so Ctrl+S right after a keystroke
  // that React has not rendered yet still saves that keystroke.
  const textRef = useRef('');
  const setText = useCallback((t: string) => {
    textRef.current = t;
    setTextState(t);
  }, []);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<StackFile | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    setOpened(null);
    setError(null);
    berth.dockerfiles.open({ path }).then(
      (o) => {
        if (!live) return;
        setOpened(o);
        setText(o.file.text);
      },
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [path, setText]);

  const dirty = opened !== null && text !== opened.file.text;

  const save = useCallback(
    async (force = false): Promise<boolean> => {
      if (!opened) return false;
      const sent = textRef.current;
      setSaving(true);
      try {
        const r = await berth.dockerfiles.save({ path: opened.file.path, text: sent, expected: opened.file.stamp, force });
        if (!r.ok) {
          setConflict(r.disk);
          return false;
        }
        setOpened({ ...opened, file: { ...opened.file, text: sent, stamp: r.stamp } });
        setConflict(null);
        toast.success(`Saved ${baseName(opened.file.path)}`);
        onSaved?.();
        return true;
      } catch (e) {
        toast.error(`Could not save ${baseName(opened.file.path)}`, errorMessage(e));
        return false;
      } finally {
        setSaving(false);
      }
    },
    [opened, onSaved],
  );

  useImperativeHandle(handle, () => ({ saveIfDirty: () => (opened !== null && textRef.current !== opened.file.text ? save() : Promise.resolve(true)) }), [opened, save]);

  const createFile = async (file: NonNullable<QuickFix['createFile']>) => {
    if (!opened) return;
    try {
      const r = await berth.dockerfiles.write({ folder: opened.context, files: [{ name: file.name as '.dockerignore', text: file.text, expected: null }] });
      if (!r.ok) {
        toast.error(`${file.name} exists already`, 'Berth did not replace it.');
        return;
      }
      toast.success(`Created ${file.name}`, `In ${opened.context}.`);
      const again = await berth.dockerfiles.open({ path: opened.file.path });
      setOpened({ ...opened, facts: again.facts });
    } catch (e) {
      toast.error(`Could not create ${file.name}`, errorMessage(e));
    }
  };

  if (error) return <p className="dialog-error">{error}</p>;
  if (!opened) return <p className="muted">Opening {path}…</p>;
  const revealLine = step ? lineOfStep(opened.file.text, step) : null;
  return (
    <div
      className="dockerfile-dialog-body"
      onKeyDownCapture={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          e.stopPropagation();
          if (opened && textRef.current !== opened.file.text) void save();
        }
      }}
    >
      <div className="dockerfile-dialog-bar">
        <span className="mono muted" title={opened.file.path}>
          {opened.file.path}
        </span>
        {dirty && <span aria-label="unsaved changes" title="Unsaved changes">●</span>}
        {revealLine && <span className="badge">failed at line {revealLine}</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-small" disabled={!dirty || saving} onClick={() => void save()} title="Save (Ctrl+S)">
          <Save size={13} aria-hidden /> Save
        </button>
      </div>
      {conflict && (
        <div className="dialog-error" role="alert">
          {baseName(opened.file.path)} changed on disk since it was opened; nothing was saved.{' '}
          <button type="button" className="btn btn-small" onClick={() => { setText(conflict.text); setOpened({ ...opened, file: conflict }); setConflict(null); }}>
            Use the disk version
          </button>{' '}
          <button type="button" className="btn btn-small btn-danger" onClick={() => void save(true)}>
            Overwrite with mine
          </button>
        </div>
      )}
      <DockerfileEditor value={text} onChange={setText} facts={opened.facts} ariaLabel={`Dockerfile ${opened.file.path}`} revealLine={revealLine} onCreateFile={(f) => void createFile(f)} />
    </div>
  );
}

import { AlertCircle, AlertTriangle, History, RefreshCw, Save } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { HistoryEntry, ResolvedConfig, StackDocument } from '../../../../preload/contract';
import { berth } from '../../api';
import { CodeEditor, loadMonaco } from '../../components/CodeEditor';
import { DialogFrame } from '../../components/DialogFrame';
import { formatBytes } from '../../format/bytes';
import { errorMessage } from '../../format/error-message';
import { formatRelativeTime } from '../../format/relative-time';
import { toast } from '../../stores/toast-store';
import { composeModelUri, ensureComposeLanguage } from './compose-language';
import { DiffView } from './DiffView';
import { isDirty, type StackFiles } from './use-stack-files';
import { variableMarkers } from './variable-markers';
import { DockerfileEditor } from '../../dockerfile/DockerfileEditor';
import { useContextFacts } from '../../dockerfile/use-context-facts';
import './stacks.css';
import './stack-editor.css';

type Tab = 'compose' | 'env' | 'resolved' | 'history' | `dockerfile:${string}`;
let slots = 0;
const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * The stack's files: the compose file (YAML checked against the Compose Specification), `.env`, Dockerfiles named by
 * `build:`, the resolved configuration (read-only), and the history of saved versions with a diff and restore.
 */
/** `optionsVersion` changes when the stack's compose options do: the resolved configuration is read again. */
export function StackEditor({ doc, files, projectName, optionsVersion = 0 }: { doc: StackDocument; files: StackFiles; projectName: string; optionsVersion?: number }) {
  const [tab, setTab] = useState<Tab>('compose');
  const [languageReady, setLanguageReady] = useState(false);
  const [slot] = useState(() => `s${++slots}`);
  const [resolved, setResolved] = useState<ResolvedConfig | null>(null);
  const composeEditor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const compose = files.files.get(doc.path);
  const env = files.files.get(doc.env.path);

  useEffect(() => {
    void ensureComposeLanguage().then(() => setLanguageReady(true));
  }, []);

  const refreshResolved = useCallback(async () => {
    try {
      setResolved(await berth.stacks.config({ path: doc.path, projectName }));
    } catch (e) {
      setResolved({ ok: false, text: '', undefinedVariables: [], error: errorMessage(e) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionsVersion is the trigger, not an input
  }, [doc.path, projectName, optionsVersion]);

  // compose config runs on the saved file: again after each save.
  const savedStamp = compose?.base.stamp?.sha256;
  useEffect(() => {
    void refreshResolved();
  }, [refreshResolved, savedStamp]);

  // Undefined variables (from compose config) become warnings where the file uses them.
  const composeText = compose?.text;
  useEffect(() => {
    const ed = composeEditor.current;
    const names = resolved?.undefinedVariables ?? [];
    if (!ed || composeText === undefined) return;
    void loadMonaco().then((monaco) => {
      const model = ed.getModel();
      if (!model) return;
      monaco.editor.setModelMarkers(
        model,
        'berth-variables',
        variableMarkers(composeText, names).map((m) => ({ ...m, severity: monaco.MarkerSeverity.Warning })),
      );
    });
  }, [resolved, composeText, languageReady]);

  const saveCurrent = () => {
    const path = tab === 'env' ? doc.env.path : tab.startsWith('dockerfile:') ? tab.slice('dockerfile:'.length) : doc.path;
    void files.save(path).then((ok) => ok && toast.success(`Saved ${baseName(path)}`));
  };
  const currentPath = tab === 'env' ? doc.env.path : tab.startsWith('dockerfile:') ? tab.slice('dockerfile:'.length) : tab === 'compose' ? doc.path : null;
  const current = currentPath ? files.files.get(currentPath) : undefined;
  const dockerfileFacts = useContextFacts(tab.startsWith('dockerfile:') ? currentPath : null);

  const errors = files.markers.filter((m) => m.severity === 'error');
  const warnings = files.markers.filter((m) => m.severity !== 'error');

  return (
    <section
      className="stack-editor"
      aria-label="Stack files"
      onKeyDownCapture={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          if (current) saveCurrent();
        }
      }}
    >
      <div className="stack-tabs" role="tablist">
        <TabButton id="compose" tab={tab} setTab={setTab} label={baseName(doc.path)} dirty={isDirty(compose)} count={files.markers.length} />
        <TabButton id="env" tab={tab} setTab={setTab} label=".env" dirty={isDirty(env)} />
        {doc.dockerfiles.map((d) => (
          <TabButton
            key={d.path}
            id={`dockerfile:${d.path}`}
            tab={tab}
            setTab={(t) => {
              void files.load(d.path);
              setTab(t);
            }}
            label={`${d.service}: ${baseName(d.path)}`}
            dirty={isDirty(files.files.get(d.path))}
          />
        ))}
        <TabButton id="resolved" tab={tab} setTab={setTab} label="Resolved" />
        <TabButton id="history" tab={tab} setTab={setTab} label="History" icon={<History size={13} aria-hidden />} />
        <span className="stack-tabs-spacer" />
        {current && (
          <button type="button" className="btn" disabled={!isDirty(current)} onClick={saveCurrent} title="Save (Ctrl+S)">
            <Save size={14} aria-hidden /> Save
          </button>
        )}
      </div>

      <div className="stack-tab-body">
        {tab === 'compose' && compose && languageReady && (
          <CodeEditor
            key={`compose-${slot}`}
            ariaLabel={`Compose file ${doc.path}`}
            language="yaml"
            modelUri={composeModelUri(slot)}
            value={compose.text}
            onChange={(t) => files.edit(doc.path, t)}
            onMarkers={files.setMarkers}
            onEditor={(ed) => (composeEditor.current = ed)}
          />
        )}
        {tab === 'env' && env && (
          <>
            {env.base.stamp === null && <p className="stack-note">There is no .env yet; saving creates {doc.env.path}.</p>}
            <CodeEditor key="env" ariaLabel=".env file" language="ini" value={env.text} onChange={(t) => files.edit(doc.env.path, t)} />
          </>
        )}
        {tab.startsWith('dockerfile:') && current && (
          <DockerfileEditor key={tab} ariaLabel={`Dockerfile ${currentPath}`} value={current.text} onChange={(t) => files.edit(currentPath!, t)} facts={dockerfileFacts} />
        )}
        {tab === 'resolved' && <ResolvedTab resolved={resolved} refresh={refreshResolved} dirty={isDirty(compose)} />}
        {tab === 'history' && (
          <HistoryTab
            path={doc.path}
            current={compose?.text ?? ''}
            restore={(text) => {
              files.edit(doc.path, text);
              setTab('compose');
              toast.info('Version put back in the editor', 'Save to make it the file on disk (the current one goes to the history).');
            }}
          />
        )}
      </div>

      {tab === 'compose' && (
        <ul className="stack-problems" data-testid="stack-problems" aria-label="Problems">
          {files.markers.length === 0 ? (
            <li className="muted">No problems found against the Compose Specification.</li>
          ) : (
            [...errors, ...warnings].slice(0, 50).map((m, i) => (
              <li key={i}>
                <button
                  type="button"
                  className={`btn-plain stack-problem ${m.severity}`}
                  data-testid="stack-problem"
                  onClick={() => {
                    composeEditor.current?.revealLineInCenter(m.line);
                    composeEditor.current?.setPosition({ lineNumber: m.line, column: m.column });
                    composeEditor.current?.focus();
                  }}
                >
                  {m.severity === 'error' ? <AlertCircle size={13} aria-hidden /> : <AlertTriangle size={13} aria-hidden />}
                  <span className="mono">
                    {m.line}:{m.column}
                  </span>
                  <span>{m.message}</span>
                </button>
              </li>
            ))
          )}
        </ul>
      )}

      <ConflictDialog files={files} />
    </section>
  );
}

function TabButton({ id, tab, setTab, label, dirty, count, icon }: { id: Tab; tab: Tab; setTab(t: Tab): void; label: string; dirty?: boolean; count?: number; icon?: React.ReactNode }) {
  return (
    <button type="button" role="tab" aria-selected={tab === id} className="stack-tab" onClick={() => setTab(id)}>
      {icon}
      {label}
      {dirty && (
        <span className="stack-dirty" title="Unsaved changes" aria-label="unsaved changes">
          ●
        </span>
      )}
      {!!count && <span className="badge stack-tab-count" title="problems">{count}</span>}
    </button>
  );
}

function ResolvedTab({ resolved, refresh, dirty }: { resolved: ResolvedConfig | null; refresh(): Promise<void>; dirty: boolean }) {
  return (
    <div className="stack-resolved">
      <div className="stack-note">
        <span>
          What compose runs: variables interpolated, defaults filled in — from the file as saved{dirty ? ' (unsaved changes are not in it)' : ''}.
        </span>
        <button type="button" className="btn" onClick={() => void refresh()}>
          <RefreshCw size={13} aria-hidden /> Refresh
        </button>
      </div>
      {resolved?.undefinedVariables.length ? (
        <p className="stack-note warning">Not set (compose uses an empty string): {resolved.undefinedVariables.join(', ')}</p>
      ) : null}
      {resolved && !resolved.ok ? (
        <pre className="dialog-error stack-config-error" data-testid="stack-config-error">
          {resolved.error}
        </pre>
      ) : (
        <CodeEditor ariaLabel="Resolved configuration" language="yaml" readOnly value={resolved?.text ?? ''} />
      )}
    </div>
  );
}

function HistoryTab({ path, current, restore }: { path: string; current: string; restore(text: string): void }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [picked, setPicked] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    berth.stacks.history({ path }).then(setEntries, (e: unknown) => setError(errorMessage(e)));
  }, [path]);
  const pick = (id: string) => berth.stacks.historyRead({ path, id }).then((text) => setPicked({ id, text }), (e: unknown) => setError(errorMessage(e)));
  const now = Date.now();
  return (
    <div className="stack-history">
      <ul className="plain-list stack-history-list" aria-label="Saved versions">
        {entries?.length === 0 && <li className="muted">No previous versions yet: each save keeps the version it replaces.</li>}
        {entries?.map((e) => (
          <li key={e.id}>
            <button type="button" aria-pressed={picked?.id === e.id} onClick={() => void pick(e.id)}>
              <span>{formatRelativeTime(e.savedAt, now)}</span>
              <span className="muted">
                {new Date(e.savedAt).toLocaleString()} · {formatBytes(e.size)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="stack-history-diff">
        {error && <p className="dialog-error">{error}</p>}
        {picked ? (
          <>
            <div className="stack-note">
              <span>Left: that version. Right: the editor now.</span>
              <button type="button" className="btn btn-primary" onClick={() => restore(picked.text)}>
                Put this version in the editor
              </button>
            </div>
            <DiffView original={picked.text} modified={current} language="yaml" ariaLabel="Version against the editor" />
          </>
        ) : (
          <p className="muted stack-note">Pick a version to compare it with the editor.</p>
        )}
      </div>
    </div>
  );
}

const REASON: Record<'changed' | 'deleted' | 'created', string> = {
  changed: 'was changed on disk since you opened it',
  deleted: 'was deleted or moved on disk since you opened it',
  created: 'was created on disk meanwhile',
};

/** The file changed under the editor: nothing was written. Show both and let the user choose. */
function ConflictDialog({ files }: { files: StackFiles }) {
  const c = files.conflict;
  return (
    <DialogFrame
      open={!!c}
      onOpenChange={(o) => !o && files.setConflict(null)}
      title={c ? `${baseName(c.path)} ${REASON[c.reason]}` : ''}
      description="Nothing was saved. Left: the file on disk now. Right: your text. Choose which one to keep."
      className="stack-conflict"
      testId="stack-conflict"
      cancelLabel="Keep editing"
      actions={
        <button type="button" className="btn" onClick={files.takeDisk} disabled={c?.reason === 'deleted'}>
          Use the disk version
        </button>
      }
      confirm={{ label: 'Overwrite with mine', danger: true }}
      onConfirm={() => c && void files.save(c.path, true).then((ok) => ok && toast.success(`Saved ${baseName(c.path)}`))}
    >
      {c && <DiffView original={c.disk.text} modified={c.mine} language={c.path.endsWith('.env') ? 'ini' : 'yaml'} ariaLabel="Disk version against yours" />}
    </DialogFrame>
  );
}

import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { chunkLoader } from '../shell/chunk-load';
import './code-editor.css';

type MonacoApi = typeof Monaco;

export interface CodeEditorProps {
  value: string;
  language: 'json' | 'plaintext' | (string & {});
  readOnly?: boolean;
  /** Names the editor for screen readers and tests. */
  ariaLabel: string;
  onChange?(value: string): void;
  /**
   * The model's URI, when a language service keys on it (monaco-yaml picks the JSON schema by URI). One editor per
   * URI at a time: a model left with the same URI is replaced.
   */
  modelUri?: string;
  /** The model's markers (syntax and schema errors) each time they change. */
  onMarkers?(markers: EditorMarker[]): void;
  /** The editor once created (to reveal a line, focus it). */
  onEditor?(editor: Monaco.editor.IStandaloneCodeEditor | null): void;
}

export interface EditorMarker {
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
}

/** Monaco is big: it loads (once) the first time an editor is shown, not with the app. */
export const loadMonaco: () => Promise<MonacoApi> = chunkLoader(() => import('./monaco-setup').then((m) => m.monaco));

const themeOf = () => (document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs');

/**
 * Puts text that came from outside the editor (a load, a conflict resolved, a version restored) into it as one edit,
 * so Ctrl+Z takes it back and the cursor, folds and scroll stay where they were.
 */
function replaceAsEdit(ed: Monaco.editor.IStandaloneCodeEditor, text: string) {
  const model = ed.getModel();
  if (!model) return;
  const state = ed.saveViewState();
  model.pushStackElement();
  model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  model.pushStackElement();
  if (state) ed.restoreViewState(state);
}

/**
 * The shared code editor (Inspect's JSON, compose files, .env, Dockerfiles): Monaco with folding and search
 * (Ctrl/Cmd+F), following the app's light/dark theme. The editor owns its text: typing reaches the parent through
 * `onChange`, and a `value` the editor did not produce itself is applied as an undoable edit.
 */
export function CodeEditor({ value, language, readOnly = false, ariaLabel, onChange, modelUri, onMarkers, onEditor }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  const onMarkersRef = useRef(onMarkers);
  const onEditorRef = useRef(onEditor);
  /** The latest value, for an editor created after Monaco finished loading. */
  const valueRef = useRef(value);
  /** Texts the editor reported through onChange that React has not handed back as `value` yet (oldest first). */
  const echoes = useRef<string[]>([]);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    onChangeRef.current = onChange;
    onMarkersRef.current = onMarkers;
    onEditorRef.current = onEditor;
  }, [onChange, onMarkers, onEditor]);

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    loadMonaco().then(
      (monaco) => {
        if (disposed || !host.current) return;
        let model: Monaco.editor.ITextModel | undefined;
        if (modelUri) {
          const uri = monaco.Uri.parse(modelUri);
          monaco.editor.getModel(uri)?.dispose();
          model = monaco.editor.createModel(valueRef.current, language, uri);
        }
        const ed = monaco.editor.create(host.current, {
          ...(model ? { model } : { value: valueRef.current, language }),
          readOnly,
          domReadOnly: readOnly,
          ariaLabel,
          theme: themeOf(),
          automaticLayout: true,
          minimap: { enabled: false },
          folding: true,
          showFoldingControls: 'always',
          scrollBeyondLastLine: false,
          fontSize: 12,
          fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono') || undefined,
          renderLineHighlight: 'none',
          tabSize: 2,
          wordWrap: 'off',
          stickyScroll: { enabled: false },
        });
        editor.current = ed;
        const changes = ed.onDidChangeModelContent(() => {
          if (!onChangeRef.current) return;
          const text = ed.getValue();
          const echo = echoes.current;
          echo.push(text);
          // Bounded: a parent that never hands the value back must not make this grow with every key.
          if (echo.length > 256) echo.splice(0, echo.length - 256);
          onChangeRef.current(text);
        });
        const severityOf = (s: Monaco.MarkerSeverity) =>
          s === monaco.MarkerSeverity.Error ? 'error' : s === monaco.MarkerSeverity.Warning ? 'warning' : 'info';
        const markers = monaco.editor.onDidChangeMarkers((uris) => {
          const own = ed.getModel()?.uri;
          if (!own || !uris.some((u) => u.toString() === own.toString())) return;
          onMarkersRef.current?.(
            monaco.editor
              .getModelMarkers({ resource: own })
              .map((m) => ({ severity: severityOf(m.severity), message: m.message, line: m.startLineNumber, column: m.startColumn })),
          );
        });
        onEditorRef.current?.(ed);
        const themeWatch = new MutationObserver(() => monaco.editor.setTheme(themeOf()));
        themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
        cleanup = () => {
          themeWatch.disconnect();
          markers.dispose();
          onEditorRef.current?.(null);
          changes.dispose();
          ed.getModel()?.dispose();
          ed.dispose();
          editor.current = null;
        };
      },
      (err: unknown) => setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      disposed = true;
      cleanup();
    };
    // Created once; value/readOnly changes are applied below without recreating it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    valueRef.current = value;
    const ed = editor.current;
    if (!ed) return;
    const current = ed.getValue();
    const echo = echoes.current;
    if (current === value) {
      echo.length = 0;
      return;
    }
    // React's value runs behind the editor while keys arrive faster than it renders: a value the editor produced
    // itself is an echo, and writing it back would drop the keys typed since (and the undo history with them).
    const at = echo.lastIndexOf(value);
    if (at >= 0) {
      echo.splice(0, at + 1);
      return;
    }
    echo.length = 0;
    replaceAsEdit(ed, value);
  }, [value]);

  useEffect(() => {
    editor.current?.updateOptions({ readOnly, domReadOnly: readOnly });
  }, [readOnly]);

  if (failed) {
    return (
      <pre className="code-editor-fallback" aria-label={ariaLabel}>
        {value}
      </pre>
    );
  }
  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}

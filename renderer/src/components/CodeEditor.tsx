import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
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

let loading: Promise<MonacoApi> | null = null;
/** Monaco is big: it loads (once) the first time an editor is shown, not with the app. */
export function loadMonaco(): Promise<MonacoApi> {
  loading ??= import('./monaco-setup').then((m) => m.monaco);
  return loading;
}

const themeOf = () => (document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs');

/**
 * The shared code editor (Inspect's JSON, later compose files): Monaco with folding and search (Ctrl/Cmd+F), following
 * the app's light/dark theme. The text is replaced when `value` changes; the view state (folds, scroll) is kept.
 */
export function CodeEditor({ value, language, readOnly = false, ariaLabel, onChange, modelUri, onMarkers, onEditor }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  const onMarkersRef = useRef(onMarkers);
  const onEditorRef = useRef(onEditor);
  /** The latest value, for an editor created after Monaco finished loading. */
  const valueRef = useRef(value);
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
        const changes = ed.onDidChangeModelContent(() => onChangeRef.current?.(ed.getValue()));
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
    if (ed && ed.getValue() !== value) {
      const state = ed.saveViewState();
      ed.setValue(value);
      if (state) ed.restoreViewState(state);
    }
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

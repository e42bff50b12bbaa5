import { AlertCircle, AlertTriangle, Info, Wand2 } from 'lucide-react';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { CodeEditor, loadMonaco } from '../components/CodeEditor';
import { lintDockerfile, RULE_TITLES, type ContextFacts, type DockerfileDiagnostic, type QuickFix } from './lint';
import { applyFixInEditor, forgetModel, showDiagnostics } from './monaco-dockerfile';
import './dockerfile.css';

export interface DockerfileEditorProps {
  value: string;
  onChange(text: string): void;
  /** What the build context holds (for the .dockerignore rule); null when unknown. */
  facts: ContextFacts | null;
  ariaLabel: string;
  /** A line to show and put the cursor on (a failed build's step). */
  revealLine?: number | null;
  /** Where a "create .dockerignore" fix goes; without it that fix is not offered. */
  onCreateFile?(file: NonNullable<QuickFix['createFile']>): void;
  readOnly?: boolean;
}

const ICONS = { error: AlertCircle, warning: AlertTriangle, info: Info } as const;

/**
 * A Dockerfile in Monaco with Berth's diagnostics: markers in the text, a lightbulb with the quick fixes, and the same
 * problems listed under the editor with their line, rule id and fix buttons. The editor owns its text (CodeEditor);
 * fixes are edits in it, so Ctrl+Z takes one back.
 */
export function DockerfileEditor({ value, onChange, facts, ariaLabel, revealLine, onCreateFile, readOnly }: DockerfileEditorProps) {
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const text = useDeferredValue(value);
  const diagnostics = useMemo(() => lintDockerfile(text, facts), [text, facts]);
  const createFile = useRef(onCreateFile);
  useEffect(() => {
    createFile.current = onCreateFile;
  }, [onCreateFile]);

  useEffect(() => {
    if (!editor) return;
    let live = true;
    void loadMonaco().then((monaco) => {
      if (live) showDiagnostics(monaco, editor, diagnostics, createFile.current ? (f) => createFile.current?.(f) : undefined);
    });
    return () => {
      live = false;
    };
  }, [editor, diagnostics]);

  useEffect(() => {
    const uri = editor?.getModel()?.uri.toString();
    return () => {
      if (uri) forgetModel(uri);
    };
  }, [editor]);

  useEffect(() => {
    if (!editor || !revealLine) return;
    editor.revealLineInCenter(revealLine);
    editor.setPosition({ lineNumber: revealLine, column: 1 });
    editor.setSelection({ startLineNumber: revealLine, startColumn: 1, endLineNumber: revealLine, endColumn: (editor.getModel()?.getLineMaxColumn(revealLine) ?? 1) });
  }, [editor, revealLine]);

  const goTo = (d: DockerfileDiagnostic) => {
    if (!editor) return;
    editor.revealLineInCenter(d.range.startLine);
    editor.setPosition({ lineNumber: d.range.startLine, column: d.range.startColumn });
    editor.focus();
  };
  const apply = (fix: QuickFix) => {
    if (fix.createFile) onCreateFile?.(fix.createFile);
    else if (editor) applyFixInEditor(editor, fix);
  };

  return (
    <div className="dockerfile-editor">
      <div className="dockerfile-editor-code">
        <CodeEditor value={value} language="dockerfile" ariaLabel={ariaLabel} onChange={onChange} onEditor={setEditor} readOnly={readOnly} />
      </div>
      <ul className="plain-list dockerfile-problems" aria-label="Dockerfile problems" data-testid="dockerfile-problems">
        {diagnostics.length === 0 ? (
          <li className="muted dockerfile-problems-none">No problems found.</li>
        ) : (
          diagnostics.map((d, i) => {
            const Icon = ICONS[d.severity];
            const fixes = d.fixes.filter((f) => !f.createFile || onCreateFile);
            return (
              <li key={`${d.rule}-${d.range.startLine}-${d.range.startColumn}-${i}`} className={`dockerfile-problem ${d.severity}`} data-testid="dockerfile-problem" data-rule={d.rule} data-line={d.range.startLine}>
                <button type="button" className="dockerfile-problem-where" onClick={() => goTo(d)} title={RULE_TITLES[d.rule]}>
                  <Icon size={13} aria-hidden />
                  <span className="mono">
                    {d.range.startLine}:{d.range.startColumn}
                  </span>
                  <span className="dockerfile-problem-rule mono">{d.rule}</span>
                  <span className="dockerfile-problem-message">{d.message}</span>
                </button>
                {!readOnly && fixes.length > 0 && (
                  <span className="dockerfile-problem-fixes">
                    {fixes.map((f) => (
                      <button key={f.title} type="button" className={`btn btn-small${f.title.startsWith('Silence') ? '' : ' btn-fix'}`} onClick={() => apply(f)}>
                        {!f.title.startsWith('Silence') && <Wand2 size={12} aria-hidden />} {f.title}
                      </button>
                    ))}
                  </span>
                )}
              </li>
            );
          })
        )}
      </ul>
    </div>
  );
}

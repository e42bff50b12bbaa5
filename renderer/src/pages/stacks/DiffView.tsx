import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { loadMonaco } from '../../components/CodeEditor';
import '../../components/code-editor.css';

const themeOf = () => (document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs');

/** Two versions of a file side by side (Monaco's diff editor, read-only): `original` on the left, `modified` right. */
export function DiffView({ original, modified, language, ariaLabel }: { original: string; modified: string; language: string; ariaLabel: string }) {
  const host = useRef<HTMLDivElement>(null);
  const models = useRef<{ original: Monaco.editor.ITextModel; modified: Monaco.editor.ITextModel } | null>(null);

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      const diff = monaco.editor.createDiffEditor(host.current, {
        readOnly: true,
        originalEditable: false,
        automaticLayout: true,
        renderSideBySide: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 12,
        theme: themeOf(),
        ariaLabel,
      });
      const m = { original: monaco.editor.createModel(original, language), modified: monaco.editor.createModel(modified, language) };
      models.current = m;
      diff.setModel(m);
      // In a dialog that is still opening, the first measure can be 0 high: lay out again on every size change.
      const el = host.current;
      const sizes = new ResizeObserver(() => diff.layout({ width: el.clientWidth, height: el.clientHeight }));
      sizes.observe(el);
      cleanup = () => {
        sizes.disconnect();
        diff.dispose();
        m.original.dispose();
        m.modified.dispose();
        models.current = null;
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
    // created once; the texts are updated below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (models.current && models.current.original.getValue() !== original) models.current.original.setValue(original);
    if (models.current && models.current.modified.getValue() !== modified) models.current.modified.setValue(modified);
  }, [original, modified]);

  return <div ref={host} className="code-editor stack-diff" data-testid="stack-diff" />;
}

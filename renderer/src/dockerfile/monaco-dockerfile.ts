import type * as Monaco from 'monaco-editor/editor/editor.api';
import { lintDockerfile, type ContextFacts, type DockerfileDiagnostic, type QuickFix } from './lint';

type MonacoApi = typeof Monaco;

/** Markers of Berth's Dockerfile lint, under one owner so they never mix with another language service's. */
export const LINT_OWNER = 'berth-dockerfile';
const CREATE_FILE_COMMAND = 'berth.dockerfile.createFile';

/** Per model: its latest diagnostics and what a "create a file" fix does for it. */
const byModel = new Map<string, { diagnostics: DockerfileDiagnostic[]; createFile?: (file: NonNullable<QuickFix['createFile']>) => void }>();
let registered = false;

/** The lightbulb's quick fixes, once per Monaco: they read the diagnostics the model's editor last computed. */
function registerQuickFixes(monaco: MonacoApi): void {
  if (registered) return;
  registered = true;
  monaco.editor.registerCommand(CREATE_FILE_COMMAND, (_accessor, uri: string, file: NonNullable<QuickFix['createFile']>) => byModel.get(uri)?.createFile?.(file));
  monaco.languages.registerCodeActionProvider('dockerfile', {
    provideCodeActions(model, range) {
      const state = byModel.get(model.uri.toString());
      const actions: Monaco.languages.CodeAction[] = [];
      for (const d of state?.diagnostics ?? []) {
        const r = d.range;
        if (r.endLine < range.startLineNumber || r.startLine > range.endLineNumber) continue;
        const marker = toMarker(monaco, d);
        d.fixes.forEach((fix, i) => {
          if (fix.createFile) {
            if (!state?.createFile) return;
            actions.push({ title: fix.title, kind: 'quickfix', diagnostics: [marker], command: { id: CREATE_FILE_COMMAND, title: fix.title, arguments: [model.uri.toString(), fix.createFile] } });
            return;
          }
          actions.push({
            title: fix.title,
            kind: 'quickfix',
            diagnostics: [marker],
            isPreferred: i === 0 && d.fixes.length > 1,
            edit: { edits: fix.edits.map((e) => ({ resource: model.uri, textEdit: { range: toMonacoRange(e.range), text: e.text }, versionId: model.getVersionId() })) },
          });
        });
      }
      return { actions, dispose: () => undefined };
    },
  });
}

const toMonacoRange = (r: DockerfileDiagnostic['range']) => ({ startLineNumber: r.startLine, startColumn: r.startColumn, endLineNumber: r.endLine, endColumn: r.endColumn });

function toMarker(monaco: MonacoApi, d: DockerfileDiagnostic): Monaco.editor.IMarkerData {
  const severity = d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
  const range = toMonacoRange(d.range);
  // A zero-width range (an insertion point) would draw nothing: underline the rest of the line instead.
  if (range.startLineNumber === range.endLineNumber && range.startColumn === range.endColumn) range.endColumn = range.startColumn + 1000;
  return { ...range, severity, message: d.message, code: d.rule, source: 'Berth' };
}

/** Puts the diagnostics on the editor's model as markers and keeps them for the quick fixes. */
export function showDiagnostics(
  monaco: MonacoApi,
  editor: Monaco.editor.IStandaloneCodeEditor,
  diagnostics: DockerfileDiagnostic[],
  createFile?: (file: NonNullable<QuickFix['createFile']>) => void,
): void {
  registerQuickFixes(monaco);
  const model = editor.getModel();
  if (!model) return;
  byModel.set(model.uri.toString(), { diagnostics, createFile });
  monaco.editor.setModelMarkers(model, LINT_OWNER, diagnostics.map((d) => toMarker(monaco, d)));
}

export function forgetModel(uri: string): void {
  byModel.delete(uri);
}

/** Applies a fix's edits in the editor as one undoable step (Ctrl+Z takes the whole fix back). */
export function applyFixInEditor(editor: Monaco.editor.IStandaloneCodeEditor, fix: QuickFix): void {
  editor.pushUndoStop();
  editor.executeEdits('berth-quick-fix', fix.edits.map((e) => ({ range: toMonacoRange(e.range), text: e.text, forceMoveMarkers: true })));
  editor.pushUndoStop();
}

export { lintDockerfile, type ContextFacts };

/**
 * Monaco, loaded lazily by CodeEditor: the core editor plus only the features the app's editors need (find, folding,
 * bracket matching, clipboard, context menu, hover, suggestions, comments, marker navigation, quick fixes (the
 * Dockerfile lint), the diff editor), JSON,
 * YAML (with monaco-yaml's schema-aware worker, configured by whoever edits YAML), Dockerfile and ini (.env) colouring.
 * Workers come from Vite's `?worker` imports, allowed by the CSP's `worker-src 'self' blob:`. Another language = one
 * `languages/definitions/<id>/register` import.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/language/json/monaco.contribution';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/languages/definitions/ini/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

export { monaco };

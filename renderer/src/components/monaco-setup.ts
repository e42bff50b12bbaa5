/**
 * Monaco, loaded lazily by CodeEditor: the core editor plus only the features the app's editors need (find, folding,
 * bracket matching, clipboard, context menu, hover, suggestions, comments, marker navigation, quick fixes (the Dockerfile lint), the diff editor), JSON,
 * YAML (with monaco-yaml's schema-aware worker, configured by whoever edits YAML), Dockerfile and ini (.env) colouring
 * (registered eagerly below).
 * Workers come from Vite's `?worker` imports, allowed by the CSP's `worker-src 'self' blob:`. Another language = one entry in the list
 * below.
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
import * as dockerfile from 'monaco-editor/languages/definitions/dockerfile/dockerfile';
import * as ini from 'monaco-editor/languages/definitions/ini/ini';
import * as yaml from 'monaco-editor/languages/definitions/yaml/yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

/**
 * The colouring grammars go in with the editor instead of through Monaco's lazy `register` modules: those fetch the
 * grammar only when a model first uses the language, and until that chunk arrives every line shows in one colour (on
 * a busy machine the compose file was seen uncoloured in the dark theme). They are a few kilobytes each.
 */
const grammars: [monaco.languages.ILanguageExtensionPoint, typeof yaml][] = [
  [{ id: 'yaml', extensions: ['.yaml', '.yml'], aliases: ['YAML', 'yaml'] }, yaml],
  [{ id: 'dockerfile', extensions: ['.dockerfile'], filenames: ['Dockerfile'], aliases: ['Dockerfile'] }, dockerfile],
  [{ id: 'ini', extensions: ['.ini', '.env'], aliases: ['Ini', 'ini'] }, ini],
];
for (const [def, grammar] of grammars) {
  monaco.languages.register(def);
  monaco.languages.setMonarchTokensProvider(def.id, grammar.language);
  monaco.languages.setLanguageConfiguration(def.id, grammar.conf);
}

export { monaco };

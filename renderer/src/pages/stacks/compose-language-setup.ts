import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { createWebWorker } from 'monaco-editor/internal/common/workers';
import composeSpec from './schema/compose-spec.json';

/**
 * The heavy half of the compose language (monaco-yaml, the bundled schema), loaded only when a compose file is
 * first shown so that neither lands in the app's first bundle.
 */
export function configureComposeYaml(monaco: typeof Monaco): void {
  configureMonacoYaml(withLegacyWorkers(monaco), {
    enableSchemaRequest: false, // offline: the schema is bundled
    validate: true,
    completion: true,
    hover: true,
    format: { enable: false }, // never reformat the user's text
    schemas: [{ uri: 'https://berth.local/compose-spec.json', fileMatch: ['**/berth-compose/**'], schema: composeSpec as unknown as JSONSchema }],
  });
}
/**
 * monaco-yaml 5 (through monaco-worker-manager) creates its worker with the pre-0.56 options ({ label, moduleId,
 * createData }); monaco-editor 0.57's public createWebWorker wants a Worker. Its own languages use an internal helper
 * that still takes the old shape and posts createData the way the worker side expects: hand monaco-yaml that one.
 */
function withLegacyWorkers(monaco: typeof Monaco): typeof Monaco {
  return { ...monaco, editor: { ...monaco.editor, createWebWorker: createWebWorker as unknown as typeof monaco.editor.createWebWorker } };
}

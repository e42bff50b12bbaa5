import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { createWebWorker } from 'monaco-editor/internal/common/workers';
import { loadMonaco } from '../../components/CodeEditor';
import composeSpec from './schema/compose-spec.json';

/**
 * The compose editor's language: YAML checked, completed and documented against the bundled Compose Specification
 * schema by monaco-yaml. Compose models live under this URI prefix; nothing else gets the schema.
 */
export const COMPOSE_MODEL_PREFIX = 'file:///berth-compose/';
export const composeModelUri = (slot: string) => `${COMPOSE_MODEL_PREFIX}${slot}/compose.yaml`;

let configured: Promise<void> | null = null;

/** Sets monaco-yaml up once, the first time a compose file is shown. */
export function ensureComposeLanguage(): Promise<void> {
  configured ??= loadMonaco().then((monaco) => {
    configureMonacoYaml(withLegacyWorkers(monaco), {
      enableSchemaRequest: false, // offline: the schema is bundled
      validate: true,
      completion: true,
      hover: true,
      format: { enable: false }, // never reformat the user's text
      schemas: [{ uri: 'https://berth.local/compose-spec.json', fileMatch: ['**/berth-compose/**'], schema: composeSpec as unknown as JSONSchema }],
    });
  });
  return configured;
}

/**
 * monaco-yaml 5 (through monaco-worker-manager) creates its worker with the pre-0.56 options ({ label, moduleId,
 * createData }); monaco-editor 0.57's public createWebWorker wants a Worker. Its own languages use an internal helper
 * that still takes the old shape and posts createData the way the worker side expects: hand monaco-yaml that one.
 */
function withLegacyWorkers(monaco: typeof Monaco): typeof Monaco {
  return { ...monaco, editor: { ...monaco.editor, createWebWorker: createWebWorker as unknown as typeof monaco.editor.createWebWorker } };
}

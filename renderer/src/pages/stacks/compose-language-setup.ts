import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import type * as Monaco from 'monaco-editor/editor/editor.api';
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
/** The worker options monaco-yaml 5 (through monaco-worker-manager) passes: the shape monaco-editor had before 0.56. */
interface LegacyWorkerOptions {
  label?: string;
  createData?: unknown;
  host?: Record<string, (...args: unknown[]) => unknown>;
  keepIdleModels?: boolean;
}

/**
 * monaco-yaml 5 creates its worker with the pre-0.56 options ({ label, moduleId, createData }); monaco-editor 0.57's
 * public createWebWorker wants the Worker itself. Adapt: get the worker for the label from MonacoEnvironment (see
 * monaco-setup.ts), send it createData the way the worker side expects (a first message it ignores, then the data),
 * and hand it to the public API. Monaco's own internal helper does the same but importing it pulls every editor
 * contribution into the page (600 KB, loaded while a compose editor is already open).
 */
function withLegacyWorkers(monaco: typeof Monaco): typeof Monaco {
  const createWebWorker = (opts: LegacyWorkerOptions) => {
    const worker = Promise.resolve(self.MonacoEnvironment!.getWorker!('workerMain.js', opts.label ?? 'yaml')).then((w) => {
      w.postMessage('ignore');
      w.postMessage(opts.createData);
      return w;
    });
    return monaco.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
  };
  return { ...monaco, editor: { ...monaco.editor, createWebWorker: createWebWorker as unknown as typeof monaco.editor.createWebWorker } };
}

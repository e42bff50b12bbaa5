import { chunkLoader } from '../../shell/chunk-load';
import { loadMonaco } from '../../components/CodeEditor';

/**
 * The compose editor's language: YAML checked, completed and documented against the bundled Compose Specification
 * schema by monaco-yaml. Compose models live under this URI prefix; nothing else gets the schema.
 */
export const COMPOSE_MODEL_PREFIX = 'file:///berth-compose/';
export const composeModelUri = (slot: string) => `${COMPOSE_MODEL_PREFIX}${slot}/compose.yaml`;

const loadSetup = chunkLoader(() => import('./compose-language-setup'));
let configured: Promise<void> | null = null;

/** Sets monaco-yaml up once, the first time a compose file is shown (monaco and monaco-yaml load lazily). */
export function ensureComposeLanguage(): Promise<void> {
  configured ??= Promise.all([loadMonaco(), loadSetup()])
    .then(([monaco, setup]) => setup.configureComposeYaml(monaco))
    .catch((err: unknown) => {
      configured = null; // not remembered: the next compose file shown tries again
      throw err;
    });
  return configured;
}

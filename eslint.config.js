// Lint = import boundaries between the layers (architecture.md), plus the usual TypeScript and React hooks rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = ['node:*', 'electron', 'dockerode', 'ws', 'sirv', 'docker-modem'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['scripts/**', 'bench/**', '*.config.*', 'e2e/**', 'main/**'], languageOptions: { globals: globals.node } },
  { files: ['renderer/**'], languageOptions: { globals: globals.browser } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'The renderer runs in a sandboxed page: no Node, Electron or engine access. Go through the contract (renderer/src/api.ts).' },
            { group: ['**/main/**', '../main/*', '../../main/*'], message: 'The renderer may not import main/; only preload/contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'The contract is shared with the renderer: no Node or Electron imports.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'The contract imports nothing from main/ or renderer/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/services/**/*.ts', 'main/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'Services and the engine layer are plain Node: Electron is only a transport.' },
            { group: ['**/transports/**', '../transports/*'], message: 'Services never import transports.' },
            { group: ['**/rpc/**', '../rpc/*'], message: 'Services never import rpc/; the error mapping they share is main/errors.ts.' },
            { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    // services/ and engine/ have their own, stricter block above; flat config would let this one replace it.
    ignores: ['main/index.ts', 'main/transports/electron-ipc.ts', '**/*.test.ts', 'main/services/**', 'main/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'Only main/index.ts and main/transports/electron-ipc.ts may import electron.' },
            { group: ['**/renderer/**'], message: 'main/ never imports the renderer.' },
          ],
        },
      ],
    },
  },
);

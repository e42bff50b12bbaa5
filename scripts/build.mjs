// One Vite build for the three parts: the renderer (browser), main (Node/Electron main, CommonJS) and the
// preload (one self-contained CommonJS file, as a sandboxed preload must be).
import { build, createServer } from 'vite';
import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { encode } from '@msgpack/msgpack';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv[2]; // optional: renderer | main | preload
// BERTH_DIST builds somewhere else than dist/, so two people (or agents) in one tree do not rebuild under each other.
const out = path.resolve(root, process.env.BERTH_DIST || 'dist');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** `contractShape(contract)`, evaluated once here through Vite (the contract is TypeScript). */
let shape = null;
async function contractShape() {
  return (shape ??= await loadContractShape());
}
async function loadContractShape() {
  // A Vite server sets NODE_ENV=development when it is unset, and the builds after it would then bundle React's
  // development build: put it back.
  const nodeEnv = process.env.NODE_ENV;
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const { contract } = await server.ssrLoadModule('/preload/contract/index.ts');
    const client = await server.ssrLoadModule('/preload/contract/client.ts');
    return client.contractShape(contract);
  } finally {
    await server.close();
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * The subscriptions web mode's early script sends as soon as its socket opens (renderer/src/transport/early-socket.ts):
 * the ones every first screen makes before anything else, whatever the page. The app's transport hands each to the
 * first `subscribe` with the same path and input. Ids from 1: the transport numbers its own after them.
 *
 * Besides the engines, the local engine's containers and images: the app follows them from its first screen on
 * (main.tsx), but could only ask once its bundle has run and the engines have answered, a round trip after the page
 * could have had them. Local is every setup's first engine; where the app does not follow it (switched off, a second
 * route to another engine), the transport ends them unclaimed after a few seconds.
 */
const EARLY_SUBSCRIPTIONS = [
  { path: 'engine.watch', input: {} },
  { path: 'containers.watch', input: { engineId: 'local' } },
  { path: 'images.watch', input: { engineId: 'local' } },
];

async function earlySubscriptions() {
  const streams = new Set((await contractShape()).filter(([, kind]) => kind === 'stream').map(([p]) => p));
  return EARLY_SUBSCRIPTIONS.map(({ path: p, input }, i) => {
    if (!streams.has(p)) throw new Error(`early subscription ${p}: the contract has no stream of that name`);
    const id = i + 1;
    return { id, path: p, input, frame: [...encode({ t: 'sub', id, path: p, input })] };
  });
}

const EARLY_SOCKET_FILE = 'assets/early-socket.js';

/**
 * Puts the early script in <head> before the app's bundle: module scripts run in document order, and this one, small
 * and fetched at once, runs as soon as the HTML is parsed. It is built on its own (`earlySocket` below), so the
 * bundler's chunking never makes it import, and wait for, the app's bundle.
 */
function earlySocketTag() {
  return {
    name: 'berth-early-socket',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const at = html.indexOf('<script type="module"');
        if (at < 0) throw new Error('index.html: no module script to put the early socket before');
        return `${html.slice(0, at)}<script type="module" src="./${EARLY_SOCKET_FILE}"></script>\n    ${html.slice(at)}`;
      },
    },
  };
}

const rendererBundle = async () =>
  build({
    root: path.join(root, 'renderer'),
    base: './',
    logLevel: 'warn',
    define: { __BERTH_CONTRACT_SHAPE__: JSON.stringify(await contractShape()) },
    plugins: [react(), earlySocketTag()],
    // monaco-yaml's worker (through monaco-worker-manager) imports `monaco-editor/esm/vs/…`, a path monaco-editor
    // 0.57's `exports` map no longer has (it maps `monaco-editor/<x>` to `esm/vs/<x>`): point it at the same file.
    resolve: { alias: [{ find: /^monaco-editor\/esm\/vs\//, replacement: 'monaco-editor/' }] },
    build: {
      outDir: path.join(out, 'renderer'),
      emptyOutDir: true,
      sourcemap: true,
      chunkSizeWarningLimit: 4096,
      ...(process.env.BERTH_NO_MINIFY ? { minify: false } : {}),
      // The first screen's code in two files: its libraries (React and the rest from node_modules) and the app. Left
      // to itself the bundler splits out each module a lazy page shares with the first screen (20 files at one
      // point), and web mode serves over HTTP/1.1, six requests at a time, so the last ones waited for the first. One
      // file was better, but Chromium parses each script on a background thread while the page waits for it: two
      // files are parsed at once on two cores (goto → DOMContentLoaded 496 → 399 ms, median of 8 cold loads each).
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: 'vendor', test: /node_modules/, tags: ['$initial'], priority: 2 },
              { name: 'first', tags: ['$initial'] },
            ],
          },
        },
      },
    },
  });

/** The early script alone: one file, no imports, in the renderer's assets beside the bundle. */
const earlySocket = async () =>
  build({
    root: path.join(root, 'renderer'),
    configFile: false,
    logLevel: 'warn',
    define: { __BERTH_EARLY_SUBSCRIPTIONS__: JSON.stringify(await earlySubscriptions()) },
    build: {
      outDir: path.join(out, 'renderer'),
      emptyOutDir: false,
      copyPublicDir: false,
      sourcemap: true,
      ...(process.env.BERTH_NO_MINIFY ? { minify: false } : {}),
      rolldownOptions: {
        input: path.join(root, 'renderer/src/transport/early-socket.ts'),
        output: { format: 'es', entryFileNames: EARLY_SOCKET_FILE, codeSplitting: false },
      },
    },
  });

const targets = {
  renderer: async () => {
    await rendererBundle();
    await earlySocket();
  },
  main: () =>
    build({
      root,
      logLevel: 'warn',
      configFile: false,
      build: {
        ssr: true,
        outDir: path.join(out, 'main'),
        emptyOutDir: true,
        sourcemap: true,
        target: 'node20',
        rollupOptions: {
          input: { index: path.join(root, 'main/index.ts'), serve: path.join(root, 'main/serve.ts') },
          external: ['electron', ...nodeBuiltins],
          output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
        },
      },
    }),
  preload: async () =>
    build({
      root,
      logLevel: 'warn',
      configFile: false,
      // The contract's paths and kinds, so the preload does not evaluate the contract (see preload/index.ts).
      define: { __BERTH_CONTRACT_SHAPE__: JSON.stringify(await contractShape()) },
      ssr: { noExternal: true },
      build: {
        ssr: true,
        outDir: path.join(out, 'preload'),
        emptyOutDir: true,
        target: 'node20',
        rollupOptions: {
          input: { index: path.join(root, 'preload/index.ts') },
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    }),
};

// main keeps its npm dependencies external: a build outside the tree needs the tree's node_modules beside it.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
if (path.relative(root, out).startsWith('..')) {
  mkdirSync(out, { recursive: true });
  if (!existsSync(path.join(out, 'node_modules'))) symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'), 'dir');
}

const names = only ? [only] : Object.keys(targets);
for (const name of names) {
  const t0 = Date.now();
  await targets[name]();
  console.log(`built ${name} in ${Date.now() - t0} ms`);
}

import { z } from 'zod';
import { method, stream } from './define';
import { absolutePath, containerRef, empty, engineId } from './common';
import { formatLimit, STACK_FILE_MAX_BYTES } from './limits';

/**
 * Compose stacks: files on disk (opened, created, remembered), the compose CLI that runs them, and the operations
 * (up, down, …) whose output streams back line by line. Files are the user's: saving writes exactly the text sent,
 * atomically, and refuses to overwrite a file that changed on disk since it was read (a conflict the UI resolves).
 */

export { absolutePath };

/** A compose project name as compose accepts it. */
export const projectName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, "_" and "-", starting with a letter or digit');

/** A compose profile name (as compose accepts it). */
export const profileName = z.string().min(1).max(128).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'letters, digits, "_", "." and "-", starting with a letter or digit');

/**
 * How compose is told to run a stack, remembered with it and passed to every compose invocation: `-p` (null = the
 * folder's name), `-f` each file in order (empty = just the stack's file), `--profile` each, `--env-file` (null = the
 * `.env` beside the file, compose's default).
 */
export interface StackOptions {
  projectName: string | null;
  files: string[];
  profiles: string[];
  envFile: string | null;
}

export const serviceName = z.string().min(1).max(128).regex(/^[a-zA-Z0-9._-]+$/, 'not a service name');

/** What a file was when it was read: a save compares it with the file now, to detect changes made elsewhere. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
  sha256: string;
}
export const fileStamp = z.strictObject({
  mtimeMs: z.number().min(0),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A text file of a stack; `stamp` is null when it does not exist (yet): saving creates it. */
export interface StackFile {
  path: string;
  text: string;
  stamp: FileStamp | null;
}

export interface StackDocument {
  /** The compose file. */
  path: string;
  workingDir: string;
  /** The project name compose derives from the folder (what `up` uses unless another one is given). */
  projectName: string;
  compose: StackFile;
  /** `.env` beside the compose file (stamp null when there is none). */
  env: StackFile;
  /** Dockerfiles named by the services' `build:` (those inside the stack's folder). */
  dockerfiles: { service: string; path: string; exists: boolean }[];
  /** Service names read from the file (empty while it does not parse). */
  services: string[];
  options: StackOptions;
}

export interface RememberedStack {
  path: string;
  projectName: string;
  /** ms since epoch */
  openedAt: number;
  /** False when the file is gone (moved or deleted outside Berth). */
  exists: boolean;
  services: string[];
  options: StackOptions;
}

export type SaveResult =
  | { ok: true; stamp: FileStamp; historyId: string | null }
  /** The file on disk is not the one the editor started from: nothing was written. */
  | { ok: false; reason: 'changed' | 'deleted' | 'created'; disk: StackFile };

export interface HistoryEntry {
  id: string;
  /** ms since epoch: when this version was replaced by a save. */
  savedAt: number;
  size: number;
}

export interface ComposeCliInfo {
  /** v2 = `docker compose` (plugin) or a compose v2 binary; v1 = `docker-compose` 1.x. Null when none was found. */
  kind: 'v2' | 'v1' | null;
  /** The command line Berth runs, e.g. `docker compose` or `/usr/bin/docker-compose`. */
  command: string | null;
  version: string | null;
  /** The path set in Settings, if any (it wins over discovery). */
  configuredPath: string | null;
  /** Why none (or not the configured one) could be used. */
  problem: string | null;
}

export const STACK_ACTIONS = ['up', 'down', 'stop', 'start', 'restart', 'pull', 'build'] as const;
export type StackAction = (typeof STACK_ACTIONS)[number];

export type StackServiceState = 'working' | 'done' | 'failed';

export type StackRunMessage =
  | { type: 'start'; command: string }
  | { type: 'line'; stream: 'stdout' | 'stderr'; text: string; service: string | null }
  /** A step on one service (Creating, Starting, Pulling, …) and where it is. */
  | { type: 'service'; service: string; step: string; state: StackServiceState; error?: string }
  | { type: 'exit'; ok: boolean; code: number | null; failures: { service: string | null; message: string }[] };

/** What `up` would change: the saved file's configuration against the one the project's containers were made from. */
export interface StackDrift {
  /** Services whose containers were created from another configuration (`up` recreates them). */
  changed: string[];
  /** Services in the file with no container yet. */
  added: string[];
  /** Services that have containers but are no longer in the file. */
  removed: string[];
  /** Why it could not be worked out (the file does not resolve), or null. */
  error: string | null;
}

export interface StackDownPlan {
  projectName: string;
  containers: { id: string; name: string; service: string; state: string }[];
  networks: string[];
  /** Named volumes of the project: their data goes only with `removeVolumes`. */
  volumes: { name: string; driver: string; mountpoint: string }[];
  /** Anonymous volumes of the project's containers (also removed with `removeVolumes`). */
  anonymousVolumes: number;
}

export interface ResolvedConfig {
  ok: boolean;
  /** `compose config` output: variables interpolated, defaults filled in. */
  text: string;
  /** Variables the file uses that are not set (compose substitutes an empty string). */
  undefinedVariables: string[];
  /** Compose's error when the file is not valid (nothing runs until it is). */
  error: string | null;
}

/**
 * `compose watch` for a stack: whether it can run (compose v2.22+ and a service with `develop.watch`), and which
 * services it would watch.
 */
export interface ComposeWatchSupport {
  /** The compose CLI has `watch`. */
  supported: boolean;
  /** Why not, for a person (names the version needed and the one found), or null. */
  reason: string | null;
  /** Services of the saved file(s) with a `develop.watch` section. */
  services: string[];
}

/** starting: compose builds/starts what is not running, then begins watching; stopping: asked to stop, not yet gone. */
export type ComposeWatchPhase = 'starting' | 'watching' | 'stopping' | 'stopped' | 'failed';

export interface ComposeWatchState {
  engineId: string;
  projectName: string;
  /** The stack's compose file. */
  path: string;
  phase: ComposeWatchPhase;
  /** ms since epoch */
  startedAt: number;
  endedAt: number | null;
  /** Why it ended, when it was not asked to (failed), or how (stopped because the stack went down). */
  message: string | null;
  /** The last lines it wrote (for a watch that died: what it said before it did). */
  lastLines: string[];
}

export type ComposeWatchMessage =
  | { type: 'line'; stream: 'stdout' | 'stderr'; text: string; at: number }
  | { type: 'state'; state: ComposeWatchState };

export const STACK_TEMPLATES = ['empty', 'web-db', 'dev-watch'] as const;
export type StackTemplate = (typeof STACK_TEMPLATES)[number];

const target = z.strictObject({
  engineId: engineId.optional(),
  path: absolutePath,
  /** The project name the running stack uses, when it differs from the folder's. */
  projectName: projectName.optional(),
});

export const stackOptions = z.strictObject({
  projectName: projectName.nullable(),
  files: z.array(absolutePath).max(20),
  profiles: z.array(profileName).max(20),
  envFile: absolutePath.nullable(),
});

export const stacksContract = {
  /** Stacks the user opened or created (remembered across restarts), newest first. */
  remembered: method<RememberedStack[]>()(empty),
  /** Reads a compose file (or finds compose.yaml & co in a folder) with its .env and Dockerfiles; remembers it. */
  open: method<StackDocument>()(z.strictObject({ path: absolutePath })),
  /** Sets the compose options of a remembered stack (project name, files, profiles, env file); answers with them. */
  setOptions: method<StackOptions>()(z.strictObject({ path: absolutePath, options: stackOptions })),
  /** Forgets a remembered stack (the files stay). */
  forget: method<void>()(z.strictObject({ path: absolutePath })),
  /** A text file of an opened stack (a Dockerfile, the .env); stamp null when it does not exist. */
  readFile: method<StackFile>()(z.strictObject({ path: absolutePath })),
  /**
   * Writes exactly `text` (temp file in the same folder, fsync, rename; the mode is kept) unless the file on disk
   * differs from `expected` (null = "it did not exist"); `force` overwrites anyway. The replaced version goes to
   * the history first.
   */
  save: method<SaveResult>()(
    z.strictObject({
      path: absolutePath,
      text: z.string().max(STACK_FILE_MAX_BYTES, `a stack file is at most ${formatLimit(STACK_FILE_MAX_BYTES)}`),
      expected: fileStamp.nullable(),
      force: z.boolean().default(false),
    }),
    // The text in UTF-8, plus the path and the stamp.
    { maxInputBytes: STACK_FILE_MAX_BYTES + 16 * 1024 },
  ),
  /** Previous versions of a file, newest first. */
  history: method<HistoryEntry[]>()(z.strictObject({ path: absolutePath })),
  historyRead: method<string>()(z.strictObject({ path: absolutePath, id: z.string().regex(/^[0-9a-z-]{1,80}$/) })),
  /** Creates a compose file from a template in `dir` (created if its parent exists); refuses to overwrite. */
  create: method<StackDocument>()(
    z.strictObject({ dir: absolutePath, template: z.enum(STACK_TEMPLATES), fileName: z.enum(['compose.yaml', 'docker-compose.yml']).default('compose.yaml') }),
  ),
  /** A compose service (YAML) for a pasted `docker run …` command, split into words as a shell would. */
  convertRun: method<{ yaml: string; service: string; warnings: string[] }>()(
    z.strictObject({ argv: z.array(z.string().max(32_768)).min(1).max(2000) }),
  ),
  /** A compose file that runs these containers (reusing each one's run spec). */
  exportContainers: method<string>()(z.strictObject({ engineId: engineId.optional(), ids: z.array(containerRef).min(1).max(100) })),
  /** `compose config` of the file as saved: resolved text, undefined variables, or the error. */
  config: method<ResolvedConfig>()(target),
  /** What `down` removes, and which named volumes' data goes with "remove volumes". */
  planDown: method<StackDownPlan>()(target),
  /** Whether the saved file differs from what runs, per service (`compose config --hash=*` against the containers). */
  drift: method<StackDrift>()(target),
  /** Runs a compose action; output line by line, per-service progress, then one exit message. Cancel kills it. */
  run: stream<StackRunMessage>()(
    target.extend({
      action: z.enum(STACK_ACTIONS),
      services: z.array(serviceName).max(200).default([]),
      build: z.boolean().default(false),
      pull: z.enum(['default', 'always', 'missing', 'never']).default('default'),
      forceRecreate: z.boolean().default(false),
      removeOrphans: z.boolean().default(false),
      removeVolumes: z.boolean().default(false),
      /** up only: `--scale service=N`. */
      scale: z.array(z.strictObject({ service: serviceName, replicas: z.number().int().min(0).max(100) })).max(200).default([]),
    }),
  ),
  /** Which compose CLI runs stacks. */
  cli: method<ComposeCliInfo>()(empty),
  /**
   * `compose watch`: one process per stack and engine, started and stopped from the stack page; it stops by itself
   * when the stack is taken down (down, stop) through Berth. `states` streams every watch's state on each change;
   * `output` replays a watch's recent lines, then follows them.
   */
  composeWatch: {
    support: method<ComposeWatchSupport>()(target),
    start: method<ComposeWatchState>()(target),
    /** Stops the stack's watch (null when none runs) and answers once the process is gone. */
    stop: method<ComposeWatchState | null>()(target),
    states: stream<ComposeWatchState[]>()(empty),
    output: stream<ComposeWatchMessage>()(z.strictObject({ engineId: engineId.optional(), projectName })),
  },
  /** Sets (or clears, with null) the compose CLI path; answers with what is used now. */
  setCliPath: method<ComposeCliInfo>()(z.strictObject({ path: absolutePath.nullable() })),
};

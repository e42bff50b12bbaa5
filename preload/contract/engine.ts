import { z } from 'zod';
import { method, stream } from './define';
import { absolutePath, empty, engineId } from './common';

/** How an endpoint was found, in the order the docker CLI looks; `added` is one the user added in Settings. */
export type EndpointSource = 'DOCKER_HOST' | 'context' | 'default-socket' | 'added';
/** How Berth found an engine (the same words as EndpointSource). */
export type EngineOrigin = EndpointSource;
/** How the engine is reached. */
export type EngineKind = 'unix' | 'npipe' | 'tcp' | 'ssh';

export interface EndpointAttempt {
  /** e.g. `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376 (TLS)` */
  endpoint: string;
  source: EndpointSource;
  /** e.g. `context "colima"` or `DOCKER_HOST` */
  sourceDetail: string;
  /** Why it did not answer, for a person; absent when it answered. */
  error?: string;
  errorCode?: 'ENGINE_UNREACHABLE' | 'PERMISSION_DENIED' | 'TIMEOUT' | 'ENGINE_ERROR' | 'INVALID_CONFIG';
}

export interface EngineInfo {
  /** "Docker Engine", "Docker Desktop", "Podman", … */
  product: string;
  version: string;
  apiVersion: string;
  os: string;
  osType: string;
  arch: string;
  kernelVersion: string;
  cpus: number;
  memoryBytes: number;
  storageDriver: string;
  cgroupVersion: string;
  name: string;
  /**
   * The daemon's own id (GET /info `ID`), the same through every route to it: with `name`, how Berth tells that two
   * engines are one daemon (see EngineStatus.sameAs). Absent where the engine gives none.
   */
  daemonId?: string;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
}

export type EngineState = 'connecting' | 'connected' | 'reconnecting' | 'unreachable';

export interface EngineStatus {
  engineId: string;
  state: EngineState;
  /** The endpoint in use (connected), or last used (reconnecting). */
  endpoint?: EndpointAttempt;
  /** Every endpoint tried in the last attempt, with its error. */
  tried: EndpointAttempt[];
  info?: EngineInfo;
  /** ms since epoch of the last state change. */
  since: number;
  /** When the next automatic attempt happens (unreachable / reconnecting). */
  nextAttemptAt?: number;
  /** What the user can do about it, when something is wrong. */
  hint?: string;
  /** Display name (the context's name, "Local", or what the user named it). */
  name?: string;
  kind?: EngineKind;
  /** False when the user disabled it: Berth does not connect (state stays 'unreachable', the hint says why). */
  enabled?: boolean;
  origin?: EngineOrigin;
  /** Where it is, even before (or without) a connection: the first endpoint it tries. */
  address?: string;
  /** An ssh host key the user must decide on before Berth connects (unknown), or that Berth refuses (changed). */
  hostKey?: HostKeyPrompt;
  /** The ssh key to use is passphrase-protected: Berth asks for the passphrase (engine.unlockSshKey). */
  sshKeyLocked?: { keyFile: string };
  /**
   * Set while this engine reaches the same daemon (same /info ID and name) as another engine listed before it: the id
   * of that engine. It is a second route to it (another context, DOCKER_HOST and a context, a socket and a TLS port):
   * it still works on its own, but lists of every engine leave its objects out, so nothing shows twice.
   */
  sameAs?: string;
}

export interface HostKeyPrompt {
  /** What the key was checked for: the host name as dialled, and the port. */
  host: string;
  port: number;
  /** e.g. `ssh-ed25519` */
  keyType: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /**
   * unknown: accept with engine.trustHostKey; changed: refused until the user explicitly replaces the old key
   * (engine.replaceHostKey), after comparing both fingerprints.
   */
  state: 'unknown' | 'changed';
  /** The known_hosts file an accepted key is appended to. */
  knownHostsFile: string;
  /** changed: the key known_hosts holds for the host and where (absent for a key marked @revoked: never replaced). */
  previous?: { fingerprint: string; knownHostsFile: string; line: number };
}

const fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a SHA256 fingerprint');
const displayName = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(64, 'at most 64 characters')
  .refine((s) => ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), 'no control characters');
const hostName = z
  .string()
  .trim()
  .min(1, 'a host is needed')
  .max(253)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)$/, 'a host name, an address or an ~/.ssh/config alias (no user, port or spaces)');
const port = z.number().int().min(1).max(65535);
const sshUser = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*$/, 'a user name (letters, digits, . _ -)');

/** What the Add engine form sends; main builds the endpoint URL from it. Key contents never cross: paths only. */
export const addEngineInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ssh'),
    name: displayName.optional(),
    host: hostName,
    user: sshUser.optional(),
    port: port.optional(),
  }),
  z.strictObject({
    kind: z.literal('tcp'),
    name: displayName.optional(),
    host: hostName,
    port,
    /** null: plain HTTP (only sensible on a trusted network); otherwise PEM file paths, as DOCKER_CERT_PATH holds. */
    tls: z
      .strictObject({
        ca: absolutePath.optional(),
        cert: absolutePath.optional(),
        key: absolutePath.optional(),
        verify: z.boolean().default(true),
      })
      .refine((t) => !t.cert === !t.key, 'a client certificate and its key go together')
      .nullable(),
  }),
  z.strictObject({ kind: z.literal('unix'), name: displayName.optional(), socketPath: absolutePath }),
  z.strictObject({
    kind: z.literal('context'),
    name: displayName.optional(),
    context: z.string().trim().min(1).max(200).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/, 'a docker context name'),
  }),
]);
export type AddEngineInput = z.input<typeof addEngineInput>;
export type AddEngineRequest = z.output<typeof addEngineInput>;

export const engineContract = {
  /** Status of every configured engine, then every change. */
  watch: stream<EngineStatus[]>()(empty),
  /** Try to connect now instead of waiting for the next automatic attempt (one engine, or every engine). */
  retry: method<void>()(z.strictObject({ engineId: engineId.optional() })),
  /** Adds an engine and connects to it; it is kept in settings. CONFLICT when an engine already has that endpoint. */
  add: method<{ engineId: string }>()(addEngineInput),
  /** Renames, disables or enables an engine (kept in settings). Disabling closes its connection. */
  update: method<void>()(
    z
      .strictObject({ engineId, name: displayName.optional(), enabled: z.boolean().optional() })
      .refine((u) => u.name !== undefined || u.enabled !== undefined, 'nothing to change: give a name or enabled'),
  ),
  /**
   * Forgets an engine: Berth stops connecting to it and drops what it shows of it. Nothing on the engine is deleted.
   * A discovered engine (a context, a socket) stays forgotten until added again. `local` cannot be removed.
   */
  remove: method<void>()(z.strictObject({ engineId })),
  /**
   * Accepts the unknown ssh host key an engine's status shows, if `fingerprint` is still the one shown; it is
   * appended to `hostKey.knownHostsFile` and Berth connects. A changed key cannot be accepted here.
   */
  trustHostKey: method<void>()(z.strictObject({ engineId, fingerprint })),
  /**
   * Replaces a changed ssh host key the engine's status shows: the known_hosts lines holding `previousFingerprint`'s
   * key for that host are removed (the file is kept as `<file>.old` first, as `ssh-keygen -R` does), the key the
   * server shows, if it is still `fingerprint`, is added, and Berth connects. The UI asks for a confirmation first.
   */
  replaceHostKey: method<void>()(z.strictObject({ engineId, fingerprint, previousFingerprint: fingerprint })),
  /**
   * The passphrase of the encrypted key `sshKeyLocked` names: checked against the key (INVALID_INPUT when it does not
   * open it), then held in main's memory only for this run (never written, logged or sent back), and Berth connects.
   */
  unlockSshKey: method<void>()(z.strictObject({ engineId, keyFile: absolutePath, passphrase: z.string().min(1, 'a passphrase is needed').max(1024) })),
};

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The podman world's configuration (scripts/engine-up.sh podman): storage and the fixture image live there. */
const WORLD_CONF = '/opt/berth-world/podman/containers.conf';

export interface PodmanService {
  /** An $XDG_RUNTIME_DIR of the caller's own: Berth finds the service there as rootless Podman (`podman-user`). */
  runtimeDir: string;
  /** `<runtimeDir>/podman/podman.sock`. */
  socket: string;
  /** Whether the service is still running (a test may stop it on purpose). */
  running(): boolean;
  /** Stops the service (SIGTERM, by its PID) and waits for it to end. */
  stop(): Promise<void>;
  /** Stops it and removes the runtime directory. */
  dispose(): Promise<void>;
}

/**
 * Podman's Docker-compatible service on a socket of the caller's own, where Berth looks for rootless Podman, so nothing
 * else on the machine sees an engine appear at /run/podman. Resolves once the socket is there; fails, saying what is
 * missing, when Podman is not installed or the service does not come up.
 */
export async function startPodmanService(prefix = 'berth-podman-', timeoutMs = 20_000): Promise<PodmanService> {
  const runtimeDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  mkdirSync(path.join(runtimeDir, 'podman'));
  const socket = path.join(runtimeDir, 'podman', 'podman.sock');
  const child = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], {
    env: { ...process.env, ...(existsSync(WORLD_CONF) ? { CONTAINERS_CONF: WORLD_CONF } : {}) },
    stdio: 'ignore',
  });
  let failed: Error | null = null;
  child.once('error', (e: NodeJS.ErrnoException) => {
    failed = new Error(e.code === 'ENOENT' ? 'Podman is not installed: `bash scripts/engine-up.sh podman` installs it and builds its fixture image.' : `podman system service: ${e.message}`);
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null && failed === null;
  const stop = async () => {
    if (running()) child.kill('SIGTERM');
    if (child.pid !== undefined) await exited;
  };
  const service: PodmanService = {
    runtimeDir,
    socket,
    running,
    stop,
    dispose: async () => {
      await stop();
      rmSync(runtimeDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(socket)) {
    const why = failed ?? (running() ? null : new Error(`podman system service ended (exit ${child.exitCode ?? child.signalCode}) before its socket appeared`));
    if (why || Date.now() > deadline) {
      await service.dispose();
      throw why ?? new Error(`Podman's service did not open ${socket} within ${timeoutMs / 1000} s (is the podman world set up? bash scripts/engine-up.sh podman)`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return service;
}

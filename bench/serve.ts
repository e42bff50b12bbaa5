import { startServe, type ServeProcess } from '../e2e/support/app';
import { CannotRun, tempDir, type BenchContext } from './lib';

/** `berth serve` for one benchmark: a server that does not start means the benchmark cannot run; stopped at the end. */
export async function serveForBench(ctx: BenchContext, env: NodeJS.ProcessEnv = process.env): Promise<ServeProcess> {
  const server = await startServe(env).catch((err: Error) => {
    throw new CannotRun(`berth serve did not start: ${err.message}`);
  });
  ctx.defer(() => server.stop());
  return server;
}

/**
 * `env` for a server that sees one engine only, the one DOCKER_HOST names: an empty docker config folder (no
 * contexts) and no runtime folder (no rootless Podman). The test world's contexts reach the same daemon and would
 * list everything three times.
 */
export function oneEngine(ctx: BenchContext, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, DOCKER_CONFIG: tempDir(ctx, 'berth-bench-docker-config-'), XDG_RUNTIME_DIR: '' };
}

/** The server's own pid, for the benchmarks that read its RSS or CPU from /proc. */
export function pidOf(server: ServeProcess): number {
  const pid = server.child.pid;
  if (!pid) throw new CannotRun('berth serve has no pid');
  return pid;
}

/** The contract's WebSocket endpoint of a server (what the renderer connects to). */
export const wsUrlOf = (server: ServeProcess) => server.url.replace(/^http/, 'ws').replace(/\/\?token=/, '/rpc?token=');

import type { EngineStatus } from '../preload/contract/engine';
import type { ServeProcess } from '../e2e/support/app';
import { contextEngineId } from '../main/engine/engine-list';
import { connectWebClient } from '../main/test-support/ws-client';
import { CannotRun, tempDir, withTimeout, type BenchContext } from './lib';
import { serveForBench, wsUrlOf } from './serve';

/** The modern test world's docker contexts (scripts/engine-up.sh modern): both reach its one Docker 26 daemon. */
export const SSH_CONTEXT = 'berth-world-ssh';
export const TLS_CONTEXT = 'berth-world-tls';
export const SSH_ENGINE = contextEngineId(SSH_CONTEXT);
export const TLS_ENGINE = contextEngineId(TLS_CONTEXT);

export function requireRemoteWorld(): void {
  if (!process.env.BERTH_WORLD_SSH_HOST || !process.env.BERTH_WORLD_TLS_HOST) {
    throw new CannotRun('needs the modern test world (its ssh and TLS contexts): eval "$(bash scripts/engine-up.sh modern | tail -1)"');
  }
}

/** `berth serve` with settings in a folder of its own (removed afterwards); the machine's contexts are found as usual. */
export async function startRemoteServe(ctx: BenchContext, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const configDir = tempDir(ctx, 'berth-bench-config-');
  return serveForBench(ctx, { ...process.env, BERTH_CONFIG_DIR: configDir, ...env });
}

/** Resolves with every engine's status once each of `ids` is connected (through the same socket the UI uses). */
export async function engineStatuses(server: ServeProcess, ids: string[], timeoutMs = 30_000): Promise<EngineStatus[]> {
  const client = await connectWebClient(wsUrlOf(server));
  let last: EngineStatus[] = [];
  try {
    return await withTimeout(
      `engines ${ids.join(', ')} connected (last seen: ${JSON.stringify(last.map((s) => [s.engineId, s.state, s.hint]))})`,
      timeoutMs,
      new Promise<EngineStatus[]>((resolve, reject) => {
        client.api.engine.watch(
          {},
          {
            next(list: EngineStatus[]) {
              last = list;
              if (ids.every((id) => list.some((s) => s.engineId === id && s.state === 'connected'))) resolve(list);
            },
            error: (e) => reject(new CannotRun(`engine.watch failed: ${JSON.stringify(e)}`)),
          },
        );
      }),
    ).catch((err: Error) => {
      throw new CannotRun(`${err.message}; engines seen: ${last.map((s) => `${s.engineId}=${s.state}${s.hint ? ` (${s.hint})` : ''}`).join(', ') || 'none'}`);
    });
  } finally {
    client.close();
  }
}

/** The docker CLI's environment for `--context`: DOCKER_HOST would override the context. */
export function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  return env;
}

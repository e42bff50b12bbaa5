import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { registryFromSettings } from '../main/services/engine-status';
import { processEnvironment, readFileOrNull } from '../main/engine/registry';
import { resolveTarget, SshTunnel } from '../main/engine/ssh-tunnel';
import { defaultSshEnvironment } from '../main/engine/connection';
import { CannotRun, fmt, median, sleep, withTimeout, type Benchmark } from './lib';

const run = promisify(execFile);
const CONTEXT = 'berth-world-ssh';
const ROUNDS = 15;

/**
 * ssh-list: the container list (GET /containers/json?all=1) of the test world's ssh engine through Berth's engine
 * (one long-lived ssh connection, already up) against `docker --context berth-world-ssh ps -a`, which pays an ssh
 * handshake and a remote `docker system dial-stdio` per run. The table adds docker-modem's own ssh mode (a new ssh
 * connection per request: what Berth did before), the same list over the local socket, and what opening one
 * channel costs on the long-lived connection by each way of reaching the engine. API level, not the UI.
 */
export const sshList: Benchmark = {
  name: 'ssh-list',
  describe: `list containers on the ssh engine over Berth's long-lived ssh connection, ref = docker --context ${CONTEXT} ps -a`,
  async run(ctx) {
    const environment = processEnvironment({ ...process.env, DOCKER_HOST: `unix://${ctx.socketPath}` });
    const registry = registryFromSettings(environment, { get: () => undefined });
    const engine = registry.all().find((e) => e.status.address === `ssh://${CONTEXT}`);
    if (!engine) throw new CannotRun(`no docker context "${CONTEXT}": run in the modern test world (scripts/engine-up.sh modern)`);
    registry.startAll();
    ctx.defer(() => registry.stopAll());
    await withTimeout('the ssh engine to connect', 30_000, (async () => {
      while (engine.status.state !== 'connected') await sleep(50);
    })());
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const berth: number[] = [];
    const cli: number[] = [];
    const perRequest: number[] = [];
    const local: number[] = [];
    const localDocker = new Docker({ socketPath: ctx.socketPath });
    const ssh = defaultSshEnvironment(readFileOrNull);
    const target = resolveTarget({ host: CONTEXT }, ssh);
    const key = target.config.identityFiles.map((f) => readFileOrNull(f)).find(Boolean);
    const legacy = new Docker({ protocol: 'ssh', host: target.host, port: target.port, username: target.user, sshOptions: key ? { privateKey: key } : {} } as Docker.DockerOptions);
    await engine.api.listContainers({ all: true });
    for (let i = 0; i < ROUNDS; i++) {
      berth.push(await time(() => engine.api.listContainers({ all: true })));
      local.push(await time(() => localDocker.listContainers({ all: true })));
      if (i < 5) {
        cli.push(await time(() => run('docker', ['--context', CONTEXT, 'ps', '-a'], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' } })));
        perRequest.push(await time(() => legacy.listContainers({ all: true })));
      }
    }
    const open: Record<string, number[]> = { streamlocal: [], 'dial-stdio': [] };
    for (const mode of ['streamlocal', 'dial-stdio'] as const) {
      for (let i = 0; i < 3; i++) {
        const tunnel = await SshTunnel.open({ host: CONTEXT }, ssh, { mode });
        const d = new Docker({ protocol: 'http', host: 'docker', port: 80, agent: tunnel.agent } as Docker.DockerOptions);
        open[mode]!.push(await time(() => d.ping()));
        tunnel.close();
      }
    }
    return {
      berth: median(berth),
      ref: median(cli),
      unit: 'ms',
      table: [
        ['Berth, long-lived ssh connection (median of 15)', fmt(median(berth), 'ms')],
        [`docker --context ${CONTEXT} ps -a (median of 5)`, fmt(median(cli), 'ms')],
        ['docker-modem ssh, a new connection per request (median of 5)', fmt(median(perRequest), 'ms')],
        ['the same list over the local socket (median of 15)', fmt(median(local), 'ms')],
        ['first request on a new channel: direct-streamlocal (median of 3)', fmt(median(open.streamlocal!), 'ms')],
        ['first request on a new channel: docker system dial-stdio (median of 3)', fmt(median(open['dial-stdio']!), 'ms')],
        ['target', 'berth ≤ 1.0× the CLI'],
      ],
    };
  },
};

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Docker from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineStatusService } from '../services/engine-status';
import { SettingsFile } from '../services/settings';
import { eventually, requireEngine, testDocker } from '../test-support/engine';
import { tempDir } from '../test-support/temp';
import { EngineRegistry, listDirOrEmpty, processEnvironment, readFileOrNull } from './registry';
import { SshTunnel, type SshEnvironment } from './ssh-tunnel';

/**
 * ProxyJump in ~/.ssh/config, through the modern test world's sshd (127.0.0.1:2222) jumping to itself: Berth
 * connects to the jump host, opens a TCP channel through it to the target's sshd, and runs the engine's ssh
 * connection over that channel. A private ~/.ssh (config and known_hosts in a temp folder), never the user's.
 */
const WORLD_SSH = '/opt/berth-world/ssh';
const docker = testDocker();

beforeAll(async () => {
  if (!process.env.BERTH_WORLD_SSH_HOST) throw new Error('No ssh endpoint of the test world: run this in the modern world (eval "$(bash scripts/engine-up.sh modern)").');
  if (!readFileOrNull(path.join(WORLD_SSH, 'id_ed25519'))) throw new Error(`${WORLD_SSH}/id_ed25519 is missing: run \`bash scripts/engine-up.sh modern\`.`);
  await requireEngine(docker);
});

function sshHome(): SshEnvironment {
  const dir = tempDir('berth-jump-');
  const knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:2222 ${readFileSync(path.join(WORLD_SSH, 'ssh_host_ed25519_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
  const block = (alias: string, extra = '') =>
    `Host ${alias}\n  HostName 127.0.0.1\n  Port 2222\n  User root\n  IdentityFile ${WORLD_SSH}/id_ed25519\n  IdentitiesOnly yes\n  UserKnownHostsFile ${knownHosts}\n${extra}`;
  // The second hop of behind-twice is written as user@host:port; its key and known_hosts come from its own block.
  writeFileSync(path.join(dir, 'config'), block('jump') + block('behind', '  ProxyJump jump\n') + block('behind-twice', '  ProxyJump jump,root@127.0.0.1:2222\n') + block('127.0.0.1'));
  return { homedir: dir, localUser: 'root', env: {}, readFile: readFileOrNull, listDir: listDirOrEmpty, configPath: path.join(dir, 'config') };
}

/**
 * Established TCP connections to 127.0.0.1:2222 that this process or sshd opened: ours to the first jump host, and
 * the ones sshd opens on to the next hop (other clients of the world's sshd, e.g. the docker CLI's ssh, are neither).
 */
const connectionsTo2222 = () =>
  execFileSync('ss', ['-Htnp', 'state', 'established', '( dport = :2222 )'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(`pid=${process.pid},`) || l.includes('(("sshd"')).length;

describe('ProxyJump', () => {
  it('reaches the engine through a jump host (and through two), with one TCP connection of ours; closing ends the chain', async () => {
    const ssh = sshHome();
    const version = (await docker.version()).Version;
    for (const [alias, hops] of [['behind', 1], ['behind-twice', 2]] as const) {
      const before = connectionsTo2222();
      const tunnel = await SshTunnel.open({ host: alias }, ssh);
      try {
        expect(tunnel.description).toContain(' via 127.0.0.1');
        const api = new Docker({ protocol: 'http', host: 'docker', port: 80, agent: tunnel.agent } as Docker.DockerOptions);
        expect(((await api.version()) as { Version: string }).Version).toBe(version);
        await api.listContainers({ all: true });
        // Ours to the first jump host, and one more per hop: the jump host's sshd connecting on to the next.
        await eventually(() => expect(connectionsTo2222() - before).toBe(1 + hops));
      } finally {
        const closed = new Promise<void>((resolve) => tunnel.onClose(() => resolve()));
        tunnel.close();
        await closed;
      }
      await eventually(() => expect(connectionsTo2222()).toBe(before), 20_000);
    }
  }, 60_000);

  it('an engine added as ssh://behind connects through the jump host; a jump host that refuses the key says which host', async () => {
    const ssh = sshHome();
    const env = { ...processEnvironment(process.env, { retryMinMs: 50, retryMaxMs: 400 }), ssh };
    const registry = new EngineRegistry([], env);
    const service = new EngineStatusService(registry, new SettingsFile(path.join(tempDir('berth-settings-'), 'settings.json')), env);
    registry.startAll();
    try {
      const { engineId } = await service.add({ kind: 'ssh', host: 'behind' });
      await eventually(() => expect(registry.get(engineId).status.state).toBe('connected'), 20_000);
      expect(registry.get(engineId).status.info?.version).toBe((await docker.version()).Version);

      // The jump host's key is not the one in authorized_keys: the message names the jump host.
      const wrongKey = path.join(tempDir('berth-jump-key-'), 'id_other');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey]);
      const config = readFileSync(ssh.configPath!, 'utf8').replace(/(Host jump\n(?: {2}.*\n)*?) {2}IdentityFile .*\n/, `$1  IdentityFile ${wrongKey}\n`);
      writeFileSync(ssh.configPath!, config);
      await expect(SshTunnel.open({ host: 'behind' }, ssh)).rejects.toMatchObject({ failure: 'AUTH_REFUSED', message: expect.stringContaining('jump host root@127.0.0.1:2222') });
    } finally {
      await registry.stopAll();
    }
  });
});

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../preload/contract/engine';
import { unpackLines, type LogsMessage } from '../../preload/contract/logs';
import { EngineStatusService, registryFromSettings } from '../services/engine-status';
import { ContainersService } from '../services/containers';
import { LifecycleController } from '../services/lifecycle';
import { LogsService } from '../services/logs';
import { SettingsFile } from '../services/settings';
import { createTestContainer, createTestContainerSeenIn, eventually, recordEvents, removeTestObjects, requireEngine, testDocker } from '../test-support/engine';
import { freePort } from '../test-support/free-port';
import { tempDir } from '../test-support/temp';
import type { EngineConnection } from './connection';
import { EngineRegistry, listDirOrEmpty, processEnvironment, readFileOrNull, type RegistryEnvironment } from './registry';
import type { SshEnvironment } from './ssh-tunnel';

/**
 * Many engines at once against the modern test world (scripts/engine-up.sh modern): every docker context found and
 * connected, ssh over one long-lived connection, engines added and removed at run time, host keys accepted and
 * refused, each fault with its own message, and an ssh connection killed under a live stream. The ssh cases use
 * their own ~/.ssh/config and known_hosts in a temp folder (never the user's), and the dropped-connection case runs
 * its own sshd on another port, started and stopped here.
 */
const WORLD_SSH = '/opt/berth-world/ssh';
const docker = testDocker();
const fast = { retryMinMs: 50, retryMaxMs: 400 };

beforeAll(async () => {
  if (!process.env.BERTH_WORLD_TLS_HOST || !process.env.BERTH_WORLD_SSH_HOST) {
    throw new Error('No ssh/TLS endpoints of the test world: run these tests in the modern world (BERTH_WORLD=modern npm test, or eval "$(bash scripts/engine-up.sh modern)").');
  }
  for (const f of ['id_ed25519', 'ssh_host_ed25519_key.pub', 'authorized_keys']) {
    if (!readFileOrNull(path.join(WORLD_SSH, f))) throw new Error(`${WORLD_SSH}/${f} is missing: run \`bash scripts/engine-up.sh modern\`.`);
  }
  await requireEngine(docker);
});
afterAll(async () => {
  await removeTestObjects(docker);
});

const hostFingerprint = () => execFileSync('ssh-keygen', ['-lf', path.join(WORLD_SSH, 'ssh_host_ed25519_key.pub')], { encoding: 'utf8' }).split(' ')[1]!;

/** Another host key than the world's sshd has, as a known_hosts line for [127.0.0.1]:2222, with its fingerprint. */
function otherHostKey(): { line: string; fingerprint: string } {
  const key = path.join(tempDir('berth-otherkey-'), 'k');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
  const line = `[127.0.0.1]:2222 ${readFileSync(`${key}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}`;
  return { line, fingerprint: execFileSync('ssh-keygen', ['-lf', `${key}.pub`], { encoding: 'utf8' }).split(' ')[1]! };
}

/** A private ~/.ssh for one test: a config with the given Host blocks and an empty known_hosts. */
function sshHome(blocks: string): { ssh: SshEnvironment; knownHosts: string; dir: string } {
  const dir = tempDir('berth-sshhome-');
  const knownHosts = path.join(dir, 'known_hosts');
  writeFileSync(knownHosts, '');
  writeFileSync(path.join(dir, 'config'), blocks.replaceAll('KNOWN_HOSTS', knownHosts));
  return { dir, knownHosts, ssh: { homedir: dir, localUser: 'root', env: {}, readFile: readFileOrNull, listDir: listDirOrEmpty, configPath: path.join(dir, 'config') } };
}
const hostBlock = (alias: string, port: number, key = path.join(WORLD_SSH, 'id_ed25519')) =>
  `Host ${alias}\n  HostName 127.0.0.1\n  Port ${port}\n  User root\n  IdentityFile ${key}\n  IdentitiesOnly yes\n  UserKnownHostsFile KNOWN_HOSTS\n`;

function environment(ssh?: SshEnvironment): RegistryEnvironment {
  return { ...processEnvironment(process.env, fast), ...(ssh ? { ssh } : {}) };
}

/** A registry + the engine management service over a settings file of its own. */
function managed(ssh?: SshEnvironment) {
  const env = environment(ssh);
  const settings = new SettingsFile(path.join(tempDir('berth-settings-'), 'settings.json'));
  const registry = new EngineRegistry([], env);
  const service = new EngineStatusService(registry, settings, env);
  registry.startAll();
  return { registry, service, settings };
}

/** A client certificate signed by the world's CA that expired in 2020 (openssl ca, in a temp folder). */
function expiredClientCert(): { cert: string; key: string } {
  const dir = tempDir('berth-expired-');
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), '01\n');
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca = d\n[d]\ndatabase = ${dir}/index.txt\nnew_certs_dir = ${dir}\nserial = ${dir}/serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n[client]\nextendedKeyUsage = clientAuth\n`,
  );
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'c.csr', '-subj', '/CN=expired-client']);
  const tls = path.dirname(process.env.BERTH_WORLD_TLS_CERTS!);
  run(['ca', '-batch', '-config', 'ca.cnf', '-cert', `${tls}/ca.pem`, '-keyfile', `${tls}/ca-key.pem`, '-in', 'c.csr', '-out', 'cert.pem', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-extensions', 'client', '-notext']);
  return { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
}

/** TCP connections this process holds to a local port (ss), as local ports. */
function ourConnectionsTo(port: number): number[] {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', `( dport = :${port} )`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(`pid=${process.pid},`))
    .map((l) => Number(/127\.0\.0\.1:(\d+)\s+127\.0\.0\.1:\d+/.exec(l)?.[1]))
    .filter((p) => p > 0);
}

describe('every endpoint the docker CLI knows, at once', () => {
  it('lists local and every docker context (not only the current one) and connects to each, TLS and ssh included', async () => {
    const env = environment();
    const registry = registryFromSettings(env, { get: () => undefined });
    registry.startAll();
    try {
      const ids = registry.all().map((e) => e.id);
      expect(ids).toEqual(expect.arrayContaining(['local', 'ctx-berth-world-tls', 'ctx-berth-world-ssh']));
      await eventually(() => {
        for (const id of ['local', 'ctx-berth-world-tls', 'ctx-berth-world-ssh']) expect(registry.get(id).status.state).toBe('connected');
      }, 20_000);
      const tls = registry.get('ctx-berth-world-tls').status;
      const ssh = registry.get('ctx-berth-world-ssh').status;
      expect(tls).toMatchObject({ name: 'berth-world-tls', kind: 'tcp', origin: 'context', enabled: true, address: 'tcp://127.0.0.1:2376 (TLS)' });
      expect(ssh).toMatchObject({ name: 'berth-world-ssh', kind: 'ssh', origin: 'context', enabled: true, address: 'ssh://berth-world-ssh' });
      expect(ssh.info?.version).toBe((await docker.version()).Version);
    } finally {
      await registry.stopAll();
    }
  });
});

describe('ssh: one long-lived connection per engine', () => {
  it('carries requests, several streams and events over a single ssh connection (~/.ssh/config alias)', async () => {
    const { ssh } = sshHome(hostBlock('world', 2222));
    writeFileSync(ssh.configPath!.replace(/config$/, 'known_hosts'), `[127.0.0.1]:2222 ${readFileSync(path.join(WORLD_SSH, 'ssh_host_ed25519_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    const { registry, service } = managed(ssh);
    try {
      const { engineId } = await service.add({ kind: 'ssh', host: 'world' });
      const engine = registry.get(engineId);
      const events = recordEvents(engine);
      await eventually(() => expect(engine.status.state).toBe('connected'), 20_000);
      expect(engine.status).toMatchObject({ kind: 'ssh', origin: 'added', name: 'world', address: 'ssh://world' });
      // Two more long-lived streams beside the events stream, and a burst of requests.
      const logs = await engine.api.getEvents({ filters: { type: ['network'] } });
      const stats = await engine.api.getEvents({ filters: { type: ['volume'] } });
      const before = ourConnectionsTo(2222);
      for (let i = 0; i < 15; i++) await engine.api.listContainers({ all: true });
      await createTestContainerSeenIn(docker, events);
      expect(ourConnectionsTo(2222)).toEqual(before);
      expect(before).toHaveLength(1);
      (logs as unknown as { destroy(): void }).destroy();
      (stats as unknown as { destroy(): void }).destroy();
    } finally {
      await registry.stopAll();
    }
  });
});

describe('ssh host keys', () => {
  it('an unknown host key is shown with its SHA256 fingerprint; a wrong fingerprint is refused; accepting it connects and writes known_hosts', async () => {
    const { ssh, knownHosts } = sshHome(hostBlock('newhost', 2222));
    const { registry, service } = managed(ssh);
    try {
      const { engineId } = await service.add({ kind: 'ssh', host: 'newhost', name: 'New host' });
      const engine = registry.get(engineId);
      await eventually(() => expect(engine.status.hostKey).toBeDefined(), 20_000);
      expect(engine.status.state).toBe('unreachable');
      expect(engine.status.hostKey).toEqual({ host: '127.0.0.1', port: 2222, keyType: 'ssh-ed25519', fingerprint: hostFingerprint(), state: 'unknown', knownHostsFile: knownHosts });
      expect(engine.status.tried[0]?.error).toContain(hostFingerprint());
      expect(JSON.stringify(engine.status)).not.toContain('BEGIN OPENSSH');

      await expect(service.trustHostKey({ engineId, fingerprint: `SHA256:${'A'.repeat(43)}` })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(readFileSync(knownHosts, 'utf8')).toBe('');

      await service.trustHostKey({ engineId, fingerprint: hostFingerprint() });
      await eventually(() => expect(engine.status.state).toBe('connected'), 20_000);
      expect(engine.status.hostKey).toBeUndefined();
      expect(readFileSync(knownHosts, 'utf8')).toMatch(/^\[127\.0\.0\.1\]:2222 ssh-ed25519 \S+\n$/);
    } finally {
      await registry.stopAll();
    }
  });

  it('a changed host key is refused with a warning naming the file and line, and cannot be accepted', async () => {
    const { ssh, knownHosts } = sshHome(hostBlock('changed', 2222));
    writeFileSync(knownHosts, `# old\n${otherHostKey().line}\n`);
    const { registry, service } = managed(ssh);
    try {
      const { engineId } = await service.add({ kind: 'ssh', host: 'changed' });
      const engine = registry.get(engineId);
      await eventually(() => expect(engine.status.hostKey?.state).toBe('changed'), 20_000);
      expect(engine.status.state).toBe('unreachable');
      expect(engine.status.hint).toMatch(/WARNING.*has CHANGED/);
      expect(engine.status.hint).toContain(`${knownHosts} line 2`);
      await expect(service.trustHostKey({ engineId, fingerprint: hostFingerprint() })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(readFileSync(knownHosts, 'utf8')).toContain('# old');
    } finally {
      await registry.stopAll();
    }
  });

  it('a changed host key shows the old and the new fingerprint; replacing it (both fingerprints named) keeps the old file and connects', async () => {
    const { ssh, knownHosts } = sshHome(hostBlock('replaced', 2222));
    const { line: oldLine, fingerprint: oldFingerprint } = otherHostKey();
    const before = `# old\nbuild.lan ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeep\n${oldLine}\n`;
    writeFileSync(knownHosts, before);
    const { registry, service } = managed(ssh);
    try {
      const { engineId } = await service.add({ kind: 'ssh', host: 'replaced' });
      const engine = registry.get(engineId);
      await eventually(() => expect(engine.status.hostKey?.state).toBe('changed'), 20_000);
      expect(engine.status.hostKey).toMatchObject({ fingerprint: hostFingerprint(), previous: { fingerprint: oldFingerprint, knownHostsFile: knownHosts, line: 3 } });
      expect(JSON.stringify(engine.status)).not.toContain(oldLine.split(' ')[2]);

      // Fingerprints other than the ones shown are refused, and nothing is written.
      await expect(service.replaceHostKey({ engineId, fingerprint: hostFingerprint(), previousFingerprint: hostFingerprint() })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(service.replaceHostKey({ engineId, fingerprint: oldFingerprint, previousFingerprint: oldFingerprint })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(readFileSync(knownHosts, 'utf8')).toBe(before);

      await service.replaceHostKey({ engineId, fingerprint: hostFingerprint(), previousFingerprint: oldFingerprint });
      await eventually(() => expect(engine.status.state).toBe('connected'), 20_000);
      expect(engine.status.hostKey).toBeUndefined();
      expect(readFileSync(`${knownHosts}.old`, 'utf8')).toBe(before);
      const after = readFileSync(knownHosts, 'utf8');
      expect(after).not.toContain(oldLine);
      expect(after).toMatch(/^# old\nbuild\.lan ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeep\n\[127\.0\.0\.1\]:2222 ssh-ed25519 \S+\n$/);
      // ssh itself now trusts the new key from that file.
      execFileSync('ssh', ['-F', ssh.configPath!, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', 'replaced', 'true'], { stdio: 'ignore', timeout: 20_000 });
    } finally {
      await registry.stopAll();
    }
  });
});

describe('a passphrase-protected ssh key', () => {
  it('is asked for, not guessed: a wrong passphrase is refused at once, the right one connects and is kept nowhere but in memory', async () => {
    const dir = tempDir('berth-lockedkey-');
    const key = path.join(dir, 'id_locked');
    writeFileSync(key, readFileSync(path.join(WORLD_SSH, 'id_ed25519')), { mode: 0o600 });
    const passphrase = `correct horse ${process.pid}`;
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', passphrase, '-f', key]);
    const { ssh, knownHosts } = sshHome(hostBlock('locked', 2222, key));
    writeFileSync(knownHosts, `[127.0.0.1]:2222 ${readFileSync(path.join(WORLD_SSH, 'ssh_host_ed25519_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    const { registry, service, settings } = managed(ssh);
    try {
      const { engineId } = await service.add({ kind: 'ssh', host: 'locked' });
      const engine = registry.get(engineId);
      await eventually(() => expect(engine.status.sshKeyLocked).toEqual({ keyFile: key }), 20_000);
      expect(engine.status.state).toBe('unreachable');
      expect(engine.status.tried[0]?.error).toContain(`${key} is passphrase-protected`);

      await expect(service.unlockSshKey({ engineId, keyFile: key, passphrase: 'wrong' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(service.unlockSshKey({ engineId, keyFile: path.join(WORLD_SSH, 'id_ed25519'), passphrase })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(engine.status.state).toBe('unreachable');

      await service.unlockSshKey({ engineId, keyFile: key, passphrase });
      await eventually(() => expect(engine.status.state).toBe('connected'), 20_000);
      expect(engine.status.sshKeyLocked).toBeUndefined();
      await engine.api.listContainers({ limit: 1 });
      expect(JSON.stringify(engine.status)).not.toContain(passphrase);
      expect(JSON.stringify(settings.get('engines'))).not.toContain(passphrase);
    } finally {
      await registry.stopAll();
    }
  });
});

describe('docker contexts created while Berth runs', () => {
  it('a context created after start appears and connects without a restart; removing it drops the engine', async () => {
    const configDir = tempDir('berth-dockercfg-');
    mkdirSync(path.join(configDir, 'contexts', 'meta'), { recursive: true });
    const env: RegistryEnvironment = { ...processEnvironment({ ...process.env, DOCKER_CONFIG: configDir }, fast) };
    const settings = new SettingsFile(path.join(tempDir('berth-settings-'), 'settings.json'));
    const registry = registryFromSettings(env, settings);
    const service = new EngineStatusService(registry, settings, env);
    const stop = service.followContexts({ debounceMs: 100 });
    registry.startAll();
    const name = `berth-watch-${process.pid}`;
    const cli = (args: string[]) => execFileSync('docker', ['context', ...args], { env: { ...process.env, DOCKER_CONFIG: configDir }, stdio: 'ignore' });
    try {
      expect(registry.all().map((e) => e.id)).toEqual(['local']);
      const certs = process.env.BERTH_WORLD_TLS_CERTS!;
      cli(['create', name, '--docker', `host=${process.env.BERTH_WORLD_TLS_HOST},ca=${certs}/ca.pem,cert=${certs}/cert.pem,key=${certs}/key.pem`]);
      // The watch, not a poll: well within the 10 s a missing folder is looked for.
      await eventually(() => expect(registry.has(`ctx-${name}`)).toBe(true), 3000);
      const engine = registry.get(`ctx-${name}`);
      await eventually(() => expect(engine.status.state).toBe('connected'), 20_000);
      expect(engine.status).toMatchObject({ origin: 'context', name, address: 'tcp://127.0.0.1:2376 (TLS)' });

      cli(['rm', name]);
      await eventually(() => expect(registry.has(`ctx-${name}`)).toBe(false), 3000);
      expect(registry.all().map((e) => e.id)).toEqual(['local']);
    } finally {
      stop();
      await registry.stopAll();
    }
  }, 40_000);
});

describe('faults: each its own message on that engine, the others untouched', () => {
  it('wrong ssh key, nothing listening, TLS with the wrong CA, an expired or missing client certificate, and sockets that are not engines', async () => {
    const wrongKey = path.join(tempDir('berth-wrongkey-'), 'id');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey]);
    const nobodyPort = await freePort();
    const { ssh, knownHosts } = sshHome(`${hostBlock('wrongkey', 2222, wrongKey)}${hostBlock('nobody', nobodyPort)}`);
    writeFileSync(knownHosts, `[127.0.0.1]:2222 ${readFileSync(path.join(WORLD_SSH, 'ssh_host_ed25519_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);

    // A CA that did not sign the engine's certificate.
    const otherCa = tempDir('berth-otherca-');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${otherCa}/ca-key.pem`, '-out', `${otherCa}/ca.pem`, '-days', '2', '-subj', '/CN=not the world CA'], { stdio: 'ignore' });
    const certs = process.env.BERTH_WORLD_TLS_CERTS!;
    const expired = expiredClientCert();

    // A unix socket that answers HTTP but is no engine, and one that answers something else entirely.
    const sockDir = tempDir('berth-notengine-');
    const httpSock = path.join(sockDir, 'http.sock');
    const rawSock = path.join(sockDir, 'raw.sock');
    const httpServer = http.createServer((_req, res) => res.writeHead(404).end('nope')).listen(httpSock);
    const rawServer = net.createServer((s) => s.end('SSH-2.0-not-http\r\n\r\n')).listen(rawSock);

    const { registry, service } = managed(ssh);
    const local = registry.add({ id: 'local', name: 'Local', origin: 'DOCKER_HOST', source: { type: 'cli' }, enabled: true });
    const localStates: string[] = [];
    local.onStatus((s) => localStates.push(s.state));
    try {
      const ids = {
        wrongKey: (await service.add({ kind: 'ssh', host: 'wrongkey' })).engineId,
        refused: (await service.add({ kind: 'ssh', host: 'nobody' })).engineId,
        wrongCa: (await service.add({ kind: 'tcp', host: '127.0.0.1', port: 2376, tls: { ca: `${otherCa}/ca.pem`, cert: `${certs}/cert.pem`, key: `${certs}/key.pem`, verify: true } })).engineId,
        expired: (await service.add({ kind: 'tcp', host: 'localhost', port: 2376, tls: { ca: `${certs}/ca.pem`, cert: expired.cert, key: expired.key, verify: true } })).engineId,
        // Port 2377: the file is missed before anything is dialled.
        missingFile: (await service.add({ kind: 'tcp', host: 'localhost', port: 2377, tls: { ca: `${certs}/ca.pem`, cert: `${sockDir}/none.pem`, key: `${certs}/key.pem`, verify: true } })).engineId,
        httpSock: (await service.add({ kind: 'unix', socketPath: httpSock })).engineId,
        rawSock: (await service.add({ kind: 'unix', socketPath: rawSock })).engineId,
      };
      const errorOf = (id: string) => registry.get(id).status.tried[0]?.error ?? '';
      await eventually(() => {
        for (const id of Object.values(ids)) expect(registry.get(id).status.state).toBe('unreachable');
      }, 25_000);
      expect(errorOf(ids.wrongKey)).toMatch(/refused every key offered \(.*wrongkey|refused every key offered/);
      expect(errorOf(ids.wrongKey)).toContain(wrongKey);
      expect(errorOf(ids.refused)).toBe(`Nothing accepts ssh connections at 127.0.0.1:${nobodyPort} (connection refused).`);
      expect(errorOf(ids.wrongCa)).toMatch(/not signed by the CA Berth was given/);
      expect(errorOf(ids.expired)).toBe('the engine refused the client certificate: it has expired');
      expect(errorOf(ids.missingFile)).toBe(`the TLS client certificate file ${sockDir}/none.pem does not exist or cannot be read`);
      expect(errorOf(ids.httpSock)).toMatch(/answers HTTP but not the Docker API \(HTTP 404/);
      expect(errorOf(ids.rawSock)).toMatch(/not with HTTP: it is not a container engine/);
      for (const id of Object.values(ids)) expect(registry.get(id).status.hint).toBeTruthy();
      // No spinner forever: every one says when it tries again.
      for (const id of Object.values(ids)) expect(registry.get(id).status.nextAttemptAt).toBeGreaterThan(0);
      // Meanwhile the local engine connected and stayed connected.
      await eventually(() => expect(local.status.state).toBe('connected'));
      expect(localStates.filter((s) => s !== 'connected' && s !== 'connecting')).toEqual([]);
      expect((await local.api.listContainers()).length).toBeGreaterThanOrEqual(0);
    } finally {
      await registry.stopAll();
      httpServer.close();
      rawServer.close();
    }
  });
});

describe('engines added and removed at run time', () => {
  it('an added engine is kept in settings and gets its own stores; removing it ends its streams with NOT_FOUND, nothing else', async () => {
    const { registry, service, settings } = managed();
    const local = registry.add({ id: 'local', name: 'Local', origin: 'DOCKER_HOST', source: { type: 'cli' }, enabled: true });
    const containers = new ContainersService(registry, new LifecycleController());
    try {
      const { engineId } = await service.add({ kind: 'tcp', host: '127.0.0.1', port: 2376, name: 'World over TLS', tls: { ca: `${process.env.BERTH_WORLD_TLS_CERTS}/ca.pem`, cert: `${process.env.BERTH_WORLD_TLS_CERTS}/cert.pem`, key: `${process.env.BERTH_WORLD_TLS_CERTS}/key.pem`, verify: true } });
      expect(engineId).toMatch(/^e-[0-9a-f]{10}$/);
      await expect(service.add({ kind: 'tcp', host: '127.0.0.1', port: 2376, tls: null })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((settings.get('engines') as { added: { id: string; name: string }[] }).added).toEqual([expect.objectContaining({ id: engineId, name: 'World over TLS' })]);
      expect(JSON.stringify(settings.get('engines'))).not.toContain('BEGIN');

      const statuses: EngineStatus[][] = [];
      const watchAbort = new AbortController();
      void service.watch({}, (s) => statuses.push(s), watchAbort.signal);

      const c = await createTestContainer(docker);
      // What a client of the stream knows: a snapshot, then deltas. The engine's list may have been read before the
      // container was made (the engine connects as it is added), and then the container comes as a delta.
      const seen = new Set<string>();
      const streamAbort = new AbortController();
      const stream = containers.watch(
        { engineId },
        (m) => {
          if (m.type === 'snapshot') {
            seen.clear();
            for (const x of m.containers) seen.add(x.id);
          } else {
            for (const x of m.upserts) seen.add(x.id);
            for (const id of m.removes) seen.delete(id);
          }
        },
        streamAbort.signal,
      );
      await eventually(() => expect([...seen]).toContain(c.id), 20_000);

      await service.update({ engineId, name: 'Renamed' });
      expect(registry.get(engineId).status.name).toBe('Renamed');
      await expect(service.remove({ engineId: 'local' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

      await service.remove({ engineId });
      await expect(stream).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('was removed from Berth') });
      expect(registry.has(engineId)).toBe(false);
      expect(statuses.at(-1)!.map((s) => s.engineId)).toEqual(['local']);
      expect((settings.get('engines') as { added: unknown[] }).added).toEqual([]);
      // Nothing on the engine was touched, and the other engine carries on.
      expect((await docker.getContainer(c.id).inspect()).Id).toBe(c.id);
      await eventually(() => expect(local.status.state).toBe('connected'));
      watchAbort.abort();
    } finally {
      await registry.stopAll();
    }
  });

  it('disabling an engine closes its connection and says so; enabling connects again', async () => {
    const { registry, service } = managed();
    try {
      const { engineId } = await service.add({ kind: 'unix', socketPath: '/var/run/docker.sock', name: 'Socket' });
      const engine = registry.get(engineId);
      await eventually(() => expect(engine.status.state).toBe('connected'));
      await service.update({ engineId, enabled: false });
      await eventually(() => expect(engine.status).toMatchObject({ state: 'unreachable', enabled: false }));
      expect(engine.status.hint).toMatch(/Disabled/);
      expect(() => engine.api).toThrow();
      await service.update({ engineId, enabled: true });
      await eventually(() => expect(engine.status).toMatchObject({ state: 'connected', enabled: true }));
    } finally {
      await registry.stopAll();
    }
  });
});

describe('an ssh connection dropped mid-stream', () => {
  let sshd: ChildProcess | null = null;
  let port = 0;

  beforeAll(async () => {
    const dir = tempDir('berth-sshd-');
    port = await freePort();
    const world = readFileSync(path.join(WORLD_SSH, 'sshd_config'), 'utf8');
    writeFileSync(path.join(dir, 'sshd_config'), world.replace(/^Port .*$/m, `Port ${port}`).replace(/^PidFile .*$/m, `PidFile ${dir}/sshd.pid`));
    sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    await eventually(() => new Promise<void>((resolve, reject) => net.connect(port, '127.0.0.1').once('connect', function (this: net.Socket) { this.destroy(); resolve(); }).once('error', reject)), 10_000, 100);
  });
  afterAll(() => {
    if (sshd?.pid) process.kill(sshd.pid);
  });

  it('the engine goes reconnecting, its log stream says so and resumes, events resume; the local engine is untouched', async () => {
    const { ssh, knownHosts } = sshHome(hostBlock('dropme', port));
    writeFileSync(knownHosts, `[127.0.0.1]:${port} ${readFileSync(path.join(WORLD_SSH, 'ssh_host_ed25519_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    const { registry, service } = managed(ssh);
    const local = registry.add({ id: 'local', name: 'Local', origin: 'DOCKER_HOST', source: { type: 'cli' }, enabled: true });
    try {
      const { engineId } = await service.add({ kind: 'ssh', host: 'dropme' });
      const engine: EngineConnection = registry.get(engineId);
      await eventually(() => expect(engine.status.state).toBe('connected'), 20_000);
      await eventually(() => expect(local.status.state).toBe('connected'));
      const states: string[] = [];
      engine.onStatus((s) => states.push(s.state));
      const localStates: string[] = [];
      local.onStatus((s) => localStates.push(s.state));
      const events = recordEvents(engine);
      // A log stream through the ssh engine, from a container that prints a numbered line every 100 ms.
      const ticker = await createTestContainer(docker, { start: true, cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.1; done'] });
      const logMessages: LogsMessage[] = [];
      const logsAbort = new AbortController();
      const following = new LogsService(registry).follow({ engineId, containerIds: [ticker.id], tail: 1, follow: true, resume: true }, (m) => logMessages.push(m), logsAbort.signal);
      const ticks = () => logMessages.flatMap((m) => (m.type === 'lines' ? unpackLines(m).map((l) => l.text) : []));
      const markers = () => logMessages.flatMap((m) => (m.type === 'marker' ? [m.marker] : []));
      await eventually(() => expect(ticks().length).toBeGreaterThan(3), 15_000);

      // The sshd child serving our one connection: the process on the server side of it (ours, under our sshd).
      const [ourPort] = ourConnectionsTo(port);
      expect(ourPort).toBeGreaterThan(0);
      const serving = execFileSync('ss', ['-Htnp', 'state', 'established', `( sport = :${port} and dport = :${ourPort} )`], { encoding: 'utf8' });
      const pids = [...serving.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])).filter((p) => p !== sshd!.pid);
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(new RegExp(`PPid:\\s+(${sshd!.pid}|${pids.join('|')})\\b`));
      for (const pid of pids) process.kill(pid, 'SIGKILL');

      await eventually(() => expect(states).toContain('reconnecting'), 15_000);
      expect(engine.status.hint ?? '').toMatch(/ssh connection to the engine dropped|reconnect/);
      await eventually(() => expect(engine.status.state).toBe('connected'), 20_000);
      // The log stream said what happened, then went on with lines printed after the drop.
      await eventually(() => expect(markers()).toEqual(expect.arrayContaining(['engine-lost', 'engine-back'])), 15_000);
      const afterBack = ticks().length;
      await eventually(() => expect(ticks().length).toBeGreaterThan(afterBack + 3), 15_000);
      logsAbort.abort();
      await following;
      // The events stream resumed too: an event after the drop arrives.
      await createTestContainerSeenIn(docker, events, 15_000);
      expect(localStates.filter((s) => s !== 'connected')).toEqual([]);
      expect(local.status.state).toBe('connected');
    } finally {
      await registry.stopAll();
    }
  });
});

import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configKeyOf, decodeAuth, DockerConfig, encodeAuth, HUB_SERVER } from './registries-config';

let dir: string;
let bin: string;
const savedPath = process.env.PATH;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-dockercfg-'));
  bin = mkdtempSync(path.join(os.tmpdir(), 'berth-credbin-'));
  // A credential helper that keeps one entry in a JSON file, speaking the helper protocol.
  const store = path.join(bin, 'store.json');
  writeFileSync(
    path.join(bin, 'docker-credential-berthfake'),
    `#!/usr/bin/env node
const fs = require('fs'); const file = ${JSON.stringify(store)};
const db = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
let input = ''; process.stdin.on('data', (d) => (input += d)); process.stdin.on('end', () => {
  const action = process.argv[2];
  if (action === 'store') { const c = JSON.parse(input); db[c.ServerURL] = c; fs.writeFileSync(file, JSON.stringify(db)); }
  else if (action === 'get') { const c = db[input.trim()]; if (!c) { process.stdout.write('credentials not found in native keychain'); process.exit(1); } process.stdout.write(JSON.stringify(c)); }
  else if (action === 'erase') { delete db[input.trim()]; fs.writeFileSync(file, JSON.stringify(db)); }
  else if (action === 'list') { const out = {}; for (const k in db) out[k] = db[k].Username; process.stdout.write(JSON.stringify(out)); }
});
`,
  );
  chmodSync(path.join(bin, 'docker-credential-berthfake'), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
});

afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
  rmSync(bin, { recursive: true, force: true });
});

const configAt = () => new DockerConfig({ DOCKER_CONFIG: dir });
const fileJson = () => JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;

describe('configKeyOf', () => {
  it('uses the legacy Hub URL for Docker Hub and the host otherwise', () => {
    expect(configKeyOf('docker.io')).toBe(HUB_SERVER);
    expect(configKeyOf('https://index.docker.io/v1/')).toBe(HUB_SERVER);
    expect(configKeyOf('http://127.0.0.1:5000/')).toBe('127.0.0.1:5000');
  });
  it('round-trips base64 user:password (a colon in the password included)', () => {
    expect(decodeAuth(encodeAuth('me', 'pa:ss'))).toEqual({ username: 'me', password: 'pa:ss' });
    expect(decodeAuth(Buffer.from('nocolon').toString('base64'))).toBeNull();
  });
});

describe('DockerConfig in the file', () => {
  it('stores, reads, lists and erases, keeping fields it does not know, mode 0600', async () => {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ psFormat: 'table {{.ID}}', auths: {} }));
    const config = configAt();
    await config.store('127.0.0.1:5000', { username: 'alice', password: 's3cret' });
    expect(fileJson()).toMatchObject({ psFormat: 'table {{.ID}}', auths: { '127.0.0.1:5000': { auth: encodeAuth('alice', 's3cret') } } });
    expect(statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(await config.get('127.0.0.1:5000')).toEqual({ username: 'alice', password: 's3cret' });
    expect(await config.list()).toEqual([{ server: '127.0.0.1:5000', username: 'alice', store: { kind: 'config-file' } }]);
    await config.erase('127.0.0.1:5000');
    expect(await config.get('127.0.0.1:5000')).toBeNull();
    await expect(config.erase('127.0.0.1:5000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads an identity token', async () => {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { 'r.example.com': { identitytoken: 'tok' } } }));
    expect(await configAt().get('r.example.com')).toEqual({ username: '', identityToken: 'tok' });
  });

  it('says so when the file is not JSON', async () => {
    writeFileSync(path.join(dir, 'config.json'), '{ nope');
    await expect(configAt().get('x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('DockerConfig with credential helpers', () => {
  it('puts the secret in credsStore and only an empty entry in the file', async () => {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'berthfake' }));
    const config = configAt();
    const account = await config.store('127.0.0.1:5001', { username: 'bob', password: 'hunter2' });
    expect(account.store).toEqual({ kind: 'helper', helper: 'berthfake' });
    expect(JSON.stringify(fileJson())).not.toContain('hunter2');
    expect(fileJson()).toMatchObject({ auths: { '127.0.0.1:5001': {} } });
    expect(await config.get('127.0.0.1:5001')).toEqual({ username: 'bob', password: 'hunter2' });
    expect(await config.list()).toEqual([{ server: '127.0.0.1:5001', username: 'bob', store: { kind: 'helper', helper: 'berthfake' } }]);
    await config.erase('127.0.0.1:5001');
    expect(await config.get('127.0.0.1:5001')).toBeNull();
  });

  it('uses credHelpers for one registry and the file for the others', async () => {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credHelpers: { 'r.example.com': 'berthfake' } }));
    const config = configAt();
    await config.store('r.example.com', { username: 'h', password: 'in-helper' });
    await config.store('other.example.com', { username: 'f', password: 'in-file' });
    expect(JSON.stringify(fileJson())).not.toContain('in-helper');
    expect(await config.get('r.example.com')).toEqual({ username: 'h', password: 'in-helper' });
    expect(await config.get('other.example.com')).toEqual({ username: 'f', password: 'in-file' });
  });

  it('names a missing helper', async () => {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'not-installed-here' }));
    await expect(configAt().store('x.example.com', { username: 'a', password: 'b' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('docker-credential-not-installed-here'),
    });
  });
});

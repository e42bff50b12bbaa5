import { chmodSync, existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi } from '../../preload/contract';
import type { Backend } from '../backend';
import { startTestBackend } from '../test-support/backend';
import { requireEngine } from '../test-support/engine';
import { tempDir } from '../test-support/temp';

/**
 * Host paths through the router: what `stacks.open` will read out, what `stacks.setCliPath` will trust, and the
 * temp files of interrupted saves that `open` cleans.
 */
let backend: Backend;
let api: BerthApi;
let dir: string;

beforeAll(async () => {
  await requireEngine();
  dir = tempDir('berth-stack-paths-');
  ({ backend, api } = await startTestBackend({ configDir: path.join(dir, 'config') }));
}, 60_000);

afterAll(async () => {
  await backend?.close();
});

describe('stacks.open reads out compose files only', () => {
  it('refuses a file that is not compose (a password file, a .env, JSON), and does not remember it', async () => {
    const env = path.join(dir, 'app.env');
    writeFileSync(env, 'DB_PASSWORD=hunter2\n');
    const json = path.join(dir, 'package.json');
    writeFileSync(json, '{"name": "x", "scripts": {}}');
    for (const file of ['/etc/passwd', env, json]) {
      const err = await api.stacks.open({ path: file }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`${file} is not a compose file`) });
      expect(JSON.stringify(err)).not.toContain('hunter2');
      expect(JSON.stringify(err)).not.toContain('root:');
    }
    expect((await api.stacks.remembered({})).map((r) => r.path)).not.toEqual(expect.arrayContaining(['/etc/passwd', env, json]));
  });

  it('opens a compose file, an empty one, and a .yaml one with a syntax error (being edited)', async () => {
    const cases = { 'ok.yaml': 'services:\n  web:\n    image: nginx\n', 'empty.yaml': '', 'broken.yaml': 'services:\n  web:\n   image: [unclosed\n' };
    for (const [name, text] of Object.entries(cases)) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      expect((await api.stacks.open({ path: file })).compose.text).toBe(text);
    }
  });

  it("removes stale temp files of interrupted saves beside the compose file and its .env when opened", async () => {
    const stack = tempDir('berth-stack-temps-');
    writeFileSync(path.join(stack, 'compose.yaml'), 'services: {}\n');
    const stale = [path.join(stack, '.compose.yaml.berth-0123abcd.tmp'), path.join(stack, '..env.berth-0123abcd.tmp')];
    const old = Date.now() / 1000 - 3600;
    for (const f of stale) {
      writeFileSync(f, 'partial');
      utimesSync(f, old, old);
    }
    await api.stacks.open({ path: stack });
    for (const f of stale) expect(existsSync(f), f).toBe(false);
  });
});

describe('stacks.setCliPath trusts a path only after `--version` answers like compose', () => {
  it('refuses a program that is not compose, having run it with --version only, and keeps the setting', async () => {
    const log = path.join(dir, 'ran.log');
    const fake = path.join(dir, 'not-compose');
    writeFileSync(fake, `#!/bin/sh\necho "$@" >> ${log}\necho "I am something else"\n`);
    chmodSync(fake, 0o755);
    const before = await api.stacks.cli({});
    await expect(api.stacks.setCliPath({ path: fake })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/--version.*setting is unchanged/) });
    expect(readFileSync(log, 'utf8')).toBe('--version\n');
    expect(await api.stacks.cli({})).toEqual(before);

    const notExecutable = path.join(dir, 'compose-not-executable');
    writeFileSync(notExecutable, '#!/bin/sh\necho "Docker Compose version v2.30.0"\n');
    chmodSync(notExecutable, 0o644);
    await expect(api.stacks.setCliPath({ path: notExecutable })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not an executable file') });
    await expect(api.stacks.setCliPath({ path: dir })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api.stacks.setCliPath({ path: path.join(dir, 'missing') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await api.stacks.cli({})).toEqual(before);
  });

  it('accepts a program that answers like compose, and clearing it goes back to discovery', async () => {
    const fake = path.join(dir, 'compose-v2');
    writeFileSync(fake, '#!/bin/sh\n[ "$1" = "--version" ] && echo "Docker Compose version v2.30.0"\n');
    chmodSync(fake, 0o755);
    expect(await api.stacks.setCliPath({ path: fake })).toMatchObject({ kind: 'v2', version: '2.30.0', configuredPath: fake, command: fake });
    expect(await api.stacks.setCliPath({ path: null })).toMatchObject({ configuredPath: null });
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installElectronBinary, missingElectronMessage } from './electron-binary.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; allowScripts: Record<string, boolean> };

const temps: string[] = [];
function fakeElectron(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-electron-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('npm install scripts (npm 11 runs none without allowScripts)', () => {
  it('decides on every dependency install script `npm install-scripts ls` lists, and lets none run by itself', () => {
    // Each denied script is one Berth does without: esbuild's platform binary comes as an optional dependency (its
    // postinstall only checks it), ssh2 and cpu-features build optional native speed-ups (ssh2 falls back to
    // JavaScript), protobufjs' postinstall checks its CLI's versions, electron-winstaller is for Squirrel installers
    // (Berth's Windows target is NSIS). Electron's download runs from Berth's own postinstall, where a failure
    // cannot undo the whole install.
    expect(pkg.allowScripts).toEqual({
      'cpu-features': false,
      electron: false,
      'electron-winstaller': false,
      esbuild: false,
      protobufjs: false,
      ssh2: false,
    });
    expect(pkg.scripts.postinstall).toBe('node scripts/electron-binary.mjs postinstall');
  });

  it('a failed Electron download does not fail the install, and says what still works', () => {
    const dir = fakeElectron({ 'install.js': "console.error('getaddrinfo ENOTFOUND github.com'); process.exit(1);" });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(installElectronBinary(dir)).toBe(0);
    expect(warn.mock.calls.join('\n')).toMatch(/could not be downloaded[\s\S]*npm run serve/);
  });

  it('ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI) reaches electron install.js, which then downloads nothing', () => {
    const installJs = readFileSync(path.join(root, 'node_modules/electron/install.js'), 'utf8');
    expect(installJs).toMatch(/if \(process\.env\.ELECTRON_SKIP_BINARY_DOWNLOAD\) \{\s*process\.exit\(0\);/);
  });
});

describe('npm start without the Electron binary', () => {
  it('checks for the binary before building and launching', () => {
    expect(pkg.scripts.start).toMatch(/^node scripts\/electron-binary\.mjs check && npm run build && electron \.$/);
  });

  it('says plainly what to do, and that web mode works without it', () => {
    for (const dir of [fakeElectron({ 'package.json': '{}' }), fakeElectron({ 'path.txt': 'electron' }), null]) {
      const message = missingElectronMessage(dir)!;
      expect(message).toContain('The Electron binary is not installed');
      expect(message).toContain('npm run serve');
      expect(message).not.toMatch(/delete node_modules/);
    }
    expect(missingElectronMessage(fakeElectron({ 'package.json': '{}' }))).toContain('node node_modules/electron/install.js');
    expect(missingElectronMessage(null)).toContain('run `npm install` first');
  });

  it('is quiet when the binary is there', () => {
    expect(missingElectronMessage(fakeElectron({ 'path.txt': 'electron', 'dist/electron': '#!/bin/sh\n' }))).toBeNull();
  });

  it('`check` exits 1 with the message when this checkout has no binary, 0 when it has one', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/electron-binary.mjs'), 'check'], { encoding: 'utf8' });
    const hasBinary = missingElectronMessage(path.join(root, 'node_modules/electron')) === null;
    expect(run.status).toBe(hasBinary ? 0 : 1);
    if (!hasBinary) expect(run.stderr).toContain('npm run serve');
  });
});

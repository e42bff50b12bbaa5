// Where the Electron binary comes from, for `npm install` (postinstall) and `npm start`.
//
// npm 11 runs no dependency's install script unless package.json's `allowScripts` approves it, and when an approved
// script fails, npm undoes the whole install. Electron's postinstall downloads the binary from GitHub, so approving
// it would make `npm install` fail outright on a machine with no route there, leaving nothing, not even web mode.
// package.json therefore denies it and runs it from here instead: the binary arrives where it can, and where it
// cannot the install still succeeds and says what that means. ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI) is honoured by
// electron's own install.js, which then does nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The electron package's folder, or null when it is not installed. */
export function electronPackageDir(from = root) {
  try {
    return path.dirname(createRequire(path.join(from, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Null when the Electron binary is in place; otherwise what to tell a person who ran `npm start`. Mirrors what
 * electron's index.js checks (path.txt naming an executable under dist/), whose own error ("Electron failed to
 * install correctly, please delete node_modules/electron and try installing again") does not help when the install
 * was fine and only the download was blocked or skipped.
 */
export function missingElectronMessage(dir) {
  if (dir) {
    const pathFile = path.join(dir, 'path.txt');
    if (existsSync(pathFile)) {
      const executable = readFileSync(pathFile, 'utf8').trim();
      const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
      if (existsSync(override ? path.join(override, executable) : path.join(dir, 'dist', executable))) return null;
    }
  }
  return [
    'The Electron binary is not installed, so the desktop app cannot start.',
    '',
    dir
      ? 'npm installed the electron package but not its binary: the download from GitHub was skipped ' +
        '(ELECTRON_SKIP_BINARY_DOWNLOAD) or failed (no network route to github.com).'
      : 'The electron package is not installed: run `npm install` first.',
    '',
    'To get it, with network access to github.com:',
    '',
    '    node node_modules/electron/install.js',
    '',
    'Without Electron, web mode runs the same app in a browser:',
    '',
    '    npm run serve',
  ].join('\n');
}

/** Runs electron's own install.js (in `dir`); its failure is reported, never passed on to npm. Returns the exit code. */
export function installElectronBinary(dir) {
  if (!dir) return 0;
  const run = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.warn(
      '\nBerth: the Electron binary could not be downloaded (above). The install is complete without it:\n' +
        '`npm run serve` works; `npm start` needs the binary (`node node_modules/electron/install.js` fetches it).\n',
    );
  }
  return 0;
}

function check() {
  const message = missingElectronMessage(electronPackageDir());
  if (!message) return 0;
  console.error(`\n${message}\n`);
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === 'postinstall') process.exit(installElectronBinary(electronPackageDir()));
  else if (command === 'check') process.exit(check());
  else {
    console.error('usage: node scripts/electron-binary.mjs postinstall|check');
    process.exit(2);
  }
}

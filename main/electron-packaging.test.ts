import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** What `npm run dist` packages: read from electron-builder.yml, as electron-builder reads it. */
const config = parse(readFileSync(path.join(__dirname, '..', 'electron-builder.yml'), 'utf8')) as {
  asar?: unknown;
  electronFuses?: Record<string, unknown>;
};

describe('the packaged app', () => {
  it('has its fuses set: no running as Node, no NODE_OPTIONS, no --inspect; the app only from a checked app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // onlyLoadAppFromAsar with no asar would leave nothing to load.
    expect(config.asar).toBe(true);
  });
});

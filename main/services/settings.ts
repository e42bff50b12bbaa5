import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where app settings live: `$BERTH_CONFIG_DIR/settings.json`, else `~/.config/berth/settings.json`. */
export function defaultSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.BERTH_CONFIG_DIR || path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'berth');
  return path.join(dir, 'settings.json');
}

/**
 * App settings as one small JSON object of named values. Read once, written whole through a temp file + rename so a
 * crash never leaves half a file. Each feature owns its keys (e.g. `helperImage`); values are validated by their user.
 */
export class SettingsFile {
  private values: Record<string, unknown> | null = null;

  constructor(readonly file: string = defaultSettingsPath()) {}

  private load(): Record<string, unknown> {
    if (this.values) return this.values;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      this.values = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      // Missing or unreadable: start from defaults (a broken file is replaced at the next save, not patched).
      this.values = {};
    }
    return this.values;
  }

  get(key: string): unknown {
    return this.load()[key];
  }

  set(key: string, value: unknown): void {
    const next = { ...this.load() };
    if (value === undefined || value === null) delete next[key];
    else next[key] = value;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
    this.values = next;
  }
}

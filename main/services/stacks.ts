import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AreaInputs } from '../../preload/contract';
import { BerthError } from '../../preload/contract/errors';
import type { HistoryEntry, RememberedStack, SaveResult, StackDocument, StackFile, StackOptions } from '../../preload/contract/stacks';
import type { SettingsFile } from './settings';
import { FileHistory, fileError, readStamped, removeStaleTemps, saveStackFile, writeAtomic } from './stacks-files';
import { COMPOSE_FILE_NAMES, defaultProjectName, isInside, notComposeReason, outlineOf } from './stacks-model';
import { STACK_TEMPLATE_FILES, STACK_TEMPLATE_TEXT } from './stacks-templates';

type Inputs = AreaInputs<'stacks'>;

interface RememberedEntry {
  path: string;
  openedAt: number;
  options?: StackOptions;
}

const NO_OPTIONS: StackOptions = { projectName: null, files: [], profiles: [], envFile: null };

/** The options as stored (settings written by an older Berth have none; anything malformed reads as none). */
function optionsOf(e: RememberedEntry | undefined): StackOptions {
  const o = e?.options;
  if (!o || typeof o !== 'object') return NO_OPTIONS;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    projectName: typeof o.projectName === 'string' ? o.projectName : null,
    files: strings(o.files),
    profiles: strings(o.profiles),
    envFile: typeof o.envFile === 'string' ? o.envFile : null,
  };
}

/** The compose project selection for a stack file with its options: every compose invocation uses exactly this. */
export function composeProject(file: string, options: StackOptions, projectNameOverride?: string) {
  const projectDir = path.dirname(file);
  return {
    name: projectNameOverride ?? options.projectName ?? defaultProjectName(projectDir),
    files: options.files.length > 0 ? options.files : [file],
    projectDir,
    profiles: options.profiles,
    envFile: options.envFile,
  };
}

const MAX_REMEMBERED = 200;

/**
 * Compose stacks as files: the remembered stacks and their options, open, save with conflict detection and history,
 * create from a template. The `stacks` area's other entries are served beside it (backend.ts joins them): running
 * compose (stacks-compose.ts), `docker run` → compose (stacks-convert.ts) and compose watch (stacks-watch.ts).
 */
export class StacksService {
  private readonly versions: FileHistory;

  constructor(private readonly settings: SettingsFile) {
    // Previous versions of saved files live beside the settings: <config dir>/history/<hash of the path>/.
    this.versions = new FileHistory(path.join(path.dirname(settings.file), 'history'));
  }

  // ---- remembered stacks -------------------------------------------------------------------------------------

  private rememberedEntries(): RememberedEntry[] {
    const v = this.settings.get('stacks');
    const list = v && typeof v === 'object' && Array.isArray((v as { remembered?: unknown }).remembered) ? (v as { remembered: unknown[] }).remembered : [];
    return list.filter((e): e is RememberedEntry => typeof (e as RememberedEntry)?.path === 'string' && typeof (e as RememberedEntry).openedAt === 'number');
  }

  private remember(file: string, options?: StackOptions): void {
    const entries = this.rememberedEntries();
    const kept = options ?? entries.find((e) => e.path === file)?.options;
    const rest = entries.filter((e) => e.path !== file);
    this.settings.set('stacks', { remembered: [{ path: file, openedAt: Date.now(), ...(kept ? { options: kept } : {}) }, ...rest].slice(0, MAX_REMEMBERED) });
  }

  /** The options remembered for a stack file (none when it was never opened). */
  optionsFor(file: string): StackOptions {
    return optionsOf(this.rememberedEntries().find((e) => e.path === file));
  }

  setOptions(input: Inputs['setOptions']): Promise<StackOptions> {
    if (!this.rememberedEntries().some((e) => e.path === input.path)) throw new BerthError('NOT_FOUND', `${input.path} is not an opened stack; open it first.`);
    this.remember(input.path, input.options);
    return Promise.resolve(this.optionsFor(input.path));
  }

  async remembered(): Promise<RememberedStack[]> {
    return Promise.all(
      this.rememberedEntries().map(async (e) => {
        const dir = path.dirname(e.path);
        const file = await readStamped(e.path).catch(() => null);
        const options = optionsOf(e);
        return {
          path: e.path,
          openedAt: e.openedAt,
          projectName: options.projectName ?? defaultProjectName(dir),
          options,
          exists: file?.stamp != null,
          services: file?.stamp ? outlineOf(file.text, dir).services : [],
        };
      }),
    );
  }

  forget(input: Inputs['forget']): Promise<void> {
    this.settings.set('stacks', { remembered: this.rememberedEntries().filter((e) => e.path !== input.path) });
    return Promise.resolve();
  }

  /**
   * Files Berth reads and writes for the renderer: the compose file of a remembered stack, and files inside its
   * folder (.env, Dockerfiles). Anything else is refused, so a page cannot use "save" to write anywhere.
   */
  private requireStackFile(file: string): void {
    const ok = this.rememberedEntries().some((e) => e.path === file || isInside(path.dirname(e.path), file));
    if (!ok) throw new BerthError('PERMISSION_DENIED', `${file} is not a file of an opened stack; open its stack first.`);
  }

  // ---- files -------------------------------------------------------------------------------------------------

  async open(input: Inputs['open']): Promise<StackDocument> {
    const st = await fs.stat(input.path).catch((err: unknown) => {
      throw fileError(err, input.path, 'read');
    });
    let file = input.path;
    if (st.isDirectory()) {
      const found = await firstExisting(COMPOSE_FILE_NAMES.map((n) => path.join(input.path, n)));
      if (!found) throw new BerthError('NOT_FOUND', `${input.path} has no compose file (${COMPOSE_FILE_NAMES.join(', ')}).`);
      file = found;
    }
    const doc = await this.document(file);
    await Promise.all([removeStaleTemps(file), removeStaleTemps(doc.env.path)]);
    this.remember(file);
    return doc;
  }

  private async document(file: string): Promise<StackDocument> {
    const compose = await readStamped(file);
    if (compose.stamp === null) throw new BerthError('NOT_FOUND', `${file} does not exist; it may have been moved or deleted.`);
    const notCompose = notComposeReason(compose.text, file);
    if (notCompose) throw new BerthError('INVALID_INPUT', `${file} is not a compose file: ${notCompose}.`);
    const workingDir = path.dirname(file);
    const env = await readStamped(path.join(workingDir, '.env')).catch(() => ({ path: path.join(workingDir, '.env'), text: '', stamp: null }) as StackFile);
    const outline = outlineOf(compose.text, workingDir);
    const dockerfiles = await Promise.all(
      outline.dockerfiles
        .filter((d) => isInside(workingDir, d.path))
        .map(async (d) => ({ ...d, exists: (await fs.stat(d.path).catch(() => null))?.isFile() ?? false })),
    );
    const options = this.optionsFor(file);
    return { path: file, workingDir, projectName: options.projectName ?? defaultProjectName(workingDir), compose, env, dockerfiles, services: outline.services, options };
  }

  async readFile(input: Inputs['readFile']): Promise<StackFile> {
    this.requireStackFile(input.path);
    return readStamped(input.path);
  }

  async save(input: Inputs['save']): Promise<SaveResult> {
    this.requireStackFile(input.path);
    return saveStackFile(this.versions, input);
  }

  async history(input: Inputs['history']): Promise<HistoryEntry[]> {
    this.requireStackFile(input.path);
    return this.versions.list(input.path);
  }

  async historyRead(input: Inputs['historyRead']): Promise<string> {
    this.requireStackFile(input.path);
    return this.versions.read(input.path, input.id);
  }

  async create(input: Inputs['create']): Promise<StackDocument> {
    const st = await fs.stat(input.dir).catch(() => null);
    if (st && !st.isDirectory()) throw new BerthError('INVALID_INPUT', `${input.dir} is a file, not a folder.`);
    if (!st) {
      const parent = await fs.stat(path.dirname(input.dir)).catch(() => null);
      if (!parent?.isDirectory()) throw new BerthError('NOT_FOUND', `${path.dirname(input.dir)} does not exist; pick a folder whose parent exists.`);
      await fs.mkdir(input.dir).catch((err: unknown) => {
        throw fileError(err, input.dir, 'save');
      });
    }
    const existing = await firstExisting(COMPOSE_FILE_NAMES.map((n) => path.join(input.dir, n)));
    if (existing) throw new BerthError('CONFLICT', `${existing} already exists; open it instead, or pick another folder.`);
    const file = path.join(input.dir, input.fileName);
    await writeAtomic(file, STACK_TEMPLATE_TEXT[input.template]);
    // The files the template's build needs, unless the folder has its own.
    for (const [name, text] of Object.entries(STACK_TEMPLATE_FILES[input.template] ?? {})) {
      const extra = path.join(input.dir, name);
      if (await fs.stat(extra).catch(() => null)) continue;
      await fs.mkdir(path.dirname(extra), { recursive: true });
      await writeAtomic(extra, text);
    }
    this.remember(file);
    return this.document(file);
  }

  // ---- conversions -------------------------------------------------------------------------------------------
}

async function firstExisting(files: string[]): Promise<string | null> {
  for (const f of files) {
    const st = await fs.stat(f).catch(() => null);
    if (st?.isFile()) return f;
  }
  return null;
}

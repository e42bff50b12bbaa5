import type { AreaImplementation } from '../../preload/contract';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../preload/contract/errors';
import {
  CONTAINERIZE_FILES,
  DOCKERFILE_NAME,
  type ContainerizeFileName,
  type ContainerizeProposal,
  type ContainerizeWriteResult,
  type ContextFacts,
  type OpenedDockerfile,
} from '../../preload/contract/dockerfiles';
import type { FileStamp, SaveResult, StackFile } from '../../preload/contract/stacks';
import { hostPathError } from '../errors';
import { containerize, DETECTION_FILES } from './dockerfile-containerize';
import type { SettingsFile } from './settings';
import { FileHistory, readStamped, sameVersion, saveStackFile, writeAtomic } from './stacks-files';

/** Manifests and entry points bigger than this are not read for detection (a generated bundle, not a manifest). */
const DETECTION_READ_MAX = 256 * 1024;

/**
 * Dockerfiles on the host: open (with what the folder holds, for the lint), save atomically with conflict detection
 * and history (the same rules as stack files), and "containerize a folder": propose, then write only what the user
 * confirmed, never over a file they did not see.
 */
export class DockerfilesService implements AreaImplementation<'dockerfiles'> {
  private readonly versions: FileHistory;

  constructor(settings: SettingsFile) {
    // The same history folder as stack files: one place for "previous versions of my files".
    this.versions = new FileHistory(path.join(path.dirname(settings.file), 'history'));
  }

  async open(input: { path: string }): Promise<OpenedDockerfile> {
    const file = await readStamped(input.path).catch((err: unknown) => {
      throw err instanceof BerthError ? err : hostPathError(err, 'read', input.path);
    });
    if (file.stamp === null) throw new BerthError('NOT_FOUND', `There is no file at ${input.path}.`);
    const context = path.dirname(input.path);
    return { file, context, facts: await contextFacts(context) };
  }

  async save(input: { path: string; text: string; expected: FileStamp | null; force: boolean }): Promise<SaveResult> {
    if (!DOCKERFILE_NAME.test(path.basename(input.path))) {
      throw new BerthError('INVALID_INPUT', `${path.basename(input.path)} is not a Dockerfile name (Dockerfile, Dockerfile.<name>, <name>.Dockerfile, Containerfile): Berth saves only Dockerfiles here.`);
    }
    return saveStackFile(this.versions, input);
  }

  async propose(input: { folder: string }): Promise<ContainerizeProposal> {
    const entries = await readFolder(input.folder);
    const names = entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
    const files: Record<string, string> = {};
    for (const name of DETECTION_FILES) {
      const entry = entries.find((e) => e.name === name && e.isFile());
      if (!entry) continue;
      const full = path.join(input.folder, name);
      const st = await fs.stat(full).catch(() => null);
      if (!st || st.size > DETECTION_READ_MAX) continue;
      files[name] = await fs.readFile(full, 'utf8').catch(() => '');
    }
    const result = containerize({ name: path.basename(input.folder), names, files });
    const proposed = await Promise.all(
      CONTAINERIZE_FILES.map(async (name) => {
        const file = path.join(input.folder, name);
        return { name, path: file, text: result.files[name], disk: await readOrEmpty(file) };
      }),
    );
    return { folder: input.folder, kind: result.kind, summary: result.summary, port: result.port, imageName: result.imageName, files: proposed, notes: result.notes };
  }

  /**
   * All or nothing: every file's disk version is checked against what the user saw first; one mismatch and nothing
   * is written. The versions being replaced go to the history before the atomic writes.
   */
  async write(input: { folder: string; files: { name: ContainerizeFileName; text: string; expected: FileStamp | null }[] }): Promise<ContainerizeWriteResult> {
    const st = await fs.stat(input.folder).catch((err: unknown) => {
      throw hostPathError(err, 'open', input.folder);
    });
    if (!st.isDirectory()) throw new BerthError('INVALID_INPUT', `${input.folder} is not a folder.`);
    const disks = await Promise.all(input.files.map((f) => readOrEmpty(path.join(input.folder, f.name))));
    const conflicts = input.files.flatMap((f, i) => (sameVersion(f.expected, disks[i]!.stamp) ? [] : [{ name: f.name, disk: disks[i]! }]));
    if (conflicts.length > 0) return { ok: false, conflicts };
    const written: { name: ContainerizeFileName; path: string; stamp: FileStamp }[] = [];
    for (const [i, f] of input.files.entries()) {
      const file = path.join(input.folder, f.name);
      const disk = disks[i]!;
      if (disk.stamp !== null && disk.text !== f.text) await this.versions.keep(file, disk.text);
      written.push({ name: f.name, path: file, stamp: await writeAtomic(file, f.text) });
    }
    return { ok: true, written };
  }
}

async function readFolder(folder: string) {
  try {
    return await fs.readdir(folder, { withFileTypes: true });
  } catch (err) {
    throw hostPathError(err, 'read the folder', folder);
  }
}

async function readOrEmpty(file: string): Promise<StackFile> {
  try {
    return await readStamped(file);
  } catch (err) {
    throw err instanceof BerthError ? err : hostPathError(err, 'read', file);
  }
}

/** The context's top-level names and whether it has a .dockerignore; null when it cannot be listed. */
export async function contextFacts(context: string): Promise<ContextFacts | null> {
  const names = await fs.readdir(context).catch(() => null);
  if (!names) return null;
  return { names: names.sort(), hasDockerignore: names.includes('.dockerignore') };
}

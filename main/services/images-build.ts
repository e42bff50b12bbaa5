import createIgnore from '@balena/dockerignore';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { BerthError } from '../../preload/contract/errors';

/**
 * The build context as the docker CLI sends it: every file under the context folder that `.dockerignore` does not
 * exclude (the Dockerfile and `.dockerignore` always go), as a tar stream. The list is made first so its size can
 * be shown before anything is sent.
 */

export interface ContextEntry {
  /** Relative, forward slashes. */
  name: string;
  type: 'file' | 'directory' | 'symlink';
  size: number;
  mode: number;
  mtime: Date;
  linkname?: string;
}

export interface BuildContext {
  root: string;
  entries: ContextEntry[];
  bytes: number;
  files: number;
  hasDockerignore: boolean;
}

/** Above this the build warns: a context this big is usually a missing `.dockerignore` (node_modules, .git). */
export const CONTEXT_WARN_BYTES = 100 * 1024 * 1024;

/** Resolves the Dockerfile inside the context; it must exist and stay inside. */
export async function resolveDockerfile(context: string, dockerfile: string): Promise<string> {
  const root = path.resolve(context);
  let stat;
  try {
    stat = await fs.stat(root);
  } catch {
    throw new BerthError('NOT_FOUND', `The context folder ${root} does not exist.`);
  }
  if (!stat.isDirectory()) throw new BerthError('INVALID_INPUT', `The context ${root} is not a folder.`);
  const file = path.resolve(root, dockerfile);
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new BerthError('INVALID_INPUT', `The Dockerfile ${dockerfile} is outside the context folder ${root}.`);
  }
  try {
    if (!(await fs.stat(file)).isFile()) throw new Error('not a file');
  } catch {
    throw new BerthError('NOT_FOUND', `There is no Dockerfile at ${file}. Pick the file the build should use.`, { reason: 'missing-dockerfile' });
  }
  return file;
}

/** Walks the context honouring `.dockerignore`. */
export async function scanContext(context: string, dockerfile: string): Promise<BuildContext> {
  const root = path.resolve(context);
  const dockerfilePath = path.relative(root, await resolveDockerfile(root, dockerfile)).split(path.sep).join('/');
  const ignoreText = await fs.readFile(path.join(root, '.dockerignore'), 'utf8').catch(() => null);
  const ig = createIgnore({ ignorecase: false }).add(ignoreText ?? '');
  const hasExceptions = /^\s*!/m.test(ignoreText ?? '');
  const always = new Set([dockerfilePath, '.dockerignore']);
  const entries: ContextEntry[] = [];
  let bytes = 0;
  let files = 0;

  const walk = async (dir: string, rel: string): Promise<void> => {
    const names = (await fs.readdir(dir)).sort();
    for (const name of names) {
      const relPath = rel ? `${rel}/${name}` : name;
      const full = path.join(dir, name);
      const st = await fs.lstat(full);
      const ignored = !always.has(relPath) && ig.ignores(relPath);
      if (st.isDirectory()) {
        if (ignored && !hasExceptions) continue;
        if (!ignored) entries.push({ name: relPath, type: 'directory', size: 0, mode: st.mode & 0o7777, mtime: st.mtime });
        await walk(full, relPath);
      } else if (!ignored && st.isSymbolicLink()) {
        entries.push({ name: relPath, type: 'symlink', size: 0, mode: st.mode & 0o7777, mtime: st.mtime, linkname: await fs.readlink(full) });
      } else if (!ignored && st.isFile()) {
        entries.push({ name: relPath, type: 'file', size: st.size, mode: st.mode & 0o7777, mtime: st.mtime });
        bytes += st.size;
        files++;
      }
    }
  };
  await walk(root, '');
  return { root, entries, bytes, files, hasDockerignore: ignoreText !== null };
}

/** A warning for an oversized context, or null. */
export function contextWarning(ctx: Pick<BuildContext, 'bytes' | 'hasDockerignore'>): string | null {
  if (ctx.bytes < CONTEXT_WARN_BYTES) return null;
  const mb = Math.round(ctx.bytes / 1024 / 1024);
  return ctx.hasDockerignore
    ? `The build context is ${mb} MB: every build sends all of it to the engine. Exclude what the build does not need in .dockerignore.`
    : `The build context is ${mb} MB and there is no .dockerignore: every build sends all of it (node_modules, .git, …) to the engine.`;
}

/** The context as a tar stream, entries written one after another with backpressure. */
export function packContext(ctx: BuildContext, signal: AbortSignal): Readable {
  const pack = tar.pack();
  void (async () => {
    try {
      for (const e of ctx.entries) {
        if (signal.aborted) throw new Error('cancelled');
        const header = { name: e.name, mode: e.mode, mtime: e.mtime, size: e.type === 'file' ? e.size : 0, type: e.type, linkname: e.linkname };
        if (e.type === 'file') {
          const sink = pack.entry(header);
          await pipeline(createReadStream(path.join(ctx.root, e.name)), sink);
        } else {
          await new Promise<void>((resolve, reject) => pack.entry(header, (err) => (err ? reject(err) : resolve())));
        }
      }
      pack.finalize();
    } catch (err) {
      pack.destroy(err as Error);
    }
  })();
  return pack as unknown as Readable;
}

/** One line of the classic builder's JSON stream. */
export interface RawBuildMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { ID?: string };
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

/**
 * Follows a build's output: the step in progress and the output since it began, so a failure can name the step
 * (`RUN false`) and show what it printed. Pure.
 */
export class BuildTracker {
  step = 0;
  total = 0;
  instruction = '';
  private stepOutput: string[] = [];
  imageId: string | null = null;
  error: string | null = null;

  /** Returns the step that just began, if this line began one. */
  push(msg: RawBuildMessage): { step: number; total: number; instruction: string } | null {
    if (msg.error || msg.errorDetail) {
      this.error = msg.errorDetail?.message ?? msg.error ?? 'the build failed';
      return null;
    }
    if (msg.aux?.ID) this.imageId = msg.aux.ID;
    const text = msg.stream ?? '';
    let began: { step: number; total: number; instruction: string } | null = null;
    for (const line of text.split('\n')) {
      const m = STEP.exec(line.trim());
      if (m) {
        this.step = Number(m[1]);
        this.total = Number(m[2]);
        this.instruction = m[3]!;
        this.stepOutput = [];
        began = { step: this.step, total: this.total, instruction: this.instruction };
      } else if (line.trim()) {
        const built = /^Successfully built ([0-9a-f]{12,64})$/.exec(line.trim());
        if (built && !this.imageId) this.imageId = built[1]!;
        this.stepOutput.push(line);
      }
    }
    return began;
  }

  /** What went wrong, naming the failing step and its last lines of output. */
  failure(): BerthError {
    const output = this.stepOutput.filter((l) => !/^\s*---> |^Removing intermediate container /.test(l)).slice(-40);
    const where = this.step > 0 ? `Step ${this.step}/${this.total} (${this.instruction}) failed` : 'The build failed';
    return new BerthError('ENGINE_ERROR', `${where}: ${this.error ?? 'unknown error'}`, {
      reason: 'build-failed',
      step: this.step,
      total: this.total,
      instruction: this.instruction,
      output,
    });
  }
}

import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { hostPathError } from '../errors';

import type { AreaInputs } from '../../preload/contract';
import { readLoadAnswer, type LoadAnswer } from './image-load-answer';
import type { ImagesService } from './images';

/** `images.save` and `images.load`: image tar files on the host, written whole or not at all. */
export class ImageArchives {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly images: ImagesService,
  ) {}

  async save(input: AreaInputs<'images'>['save']): Promise<{ path: string; bytes: number }> {
    const api = this.engines.get(input.engineId).api;
    const target = input.path; // absolute (the contract says so): never relative to the server's working folder
    const exists = () => new BerthError('CONFLICT', `${target} already exists; saving would replace it.`, { exists: true });
    if (!input.overwrite && (await fs.lstat(target).catch(() => null))) throw exists();
    const temp = `${target}.${randomBytes(4).toString('hex')}.part`;
    try {
      const many = api as unknown as { getImages(opts: { names: string[] }): Promise<NodeJS.ReadableStream> };
      const stream = (input.ids.length === 1 ? await api.getImage(input.ids[0]!).get() : await many.getImages({ names: input.ids })) as unknown as Readable;
      await pipeline(stream, createWriteStream(temp, { mode: 0o644 }));
      if (input.overwrite) await fs.rename(temp, target);
      else {
        // A file created there meanwhile is not replaced either: link() fails with EEXIST where rename() would not.
        await fs.link(temp, target).catch((err: NodeJS.ErrnoException) => {
          throw err.code === 'EEXIST' ? exists() : err;
        });
        await fs.rm(temp, { force: true });
      }
      return { path: target, bytes: (await fs.stat(target)).size };
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      // The folder missing or read-only, the disk full: the file's errors, said as such; the engine's go on as they are.
      throw hostPathError(err, `save ${input.ids.join(', ')}`, target, { diskFull: 'The partial file was removed.' });
    }
  }

  async load(input: AreaInputs<'images'>['load']): Promise<{ loaded: string[] }> {
    const api = this.engines.get(input.engineId).api;
    const source = input.path;
    try {
      await fs.access(source);
    } catch {
      throw new BerthError('NOT_FOUND', `There is no file at ${source}.`);
    }
    let answer: LoadAnswer;
    try {
      answer = await readLoadAnswer((await api.loadImage(createReadStream(source), { quiet: true })) as unknown as Readable);
    } catch (err) {
      throw hostPathError(err, 'load images', source);
    }
    if (answer.error) throw new BerthError('INVALID_INPUT', `Could not load images from ${source}: ${answer.error}`);
    this.images.store(input.engineId).refresh();
    return { loaded: answer.loaded };
  }
}

import { z } from 'zod';

/** Engine ids are short slugs chosen by main ("local" today; more engines later). */
export const engineId = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'not an engine id');

/** A container id (full or short hex) or name, as the docker CLI accepts. */
export const containerRef = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container id or name');

export const empty = z.strictObject({});

/** Any input that names an engine (the default engine when left out), as implementations receive it. */
export interface EngineInput {
  engineId?: string | undefined;
}

/** One engine object by id (or name): the shape of most per-object inputs. */
export interface Target extends EngineInput {
  id: string;
}

/**
 * An absolute path as main will use it: no `.`/`..` segments, no NUL, no trailing slash, so what the user typed is
 * the file touched (no traversal surprises). Shared with the renderer so a path field shows the same error first.
 */
export const absolutePath = z
  .string()
  .min(1, 'a path is needed')
  .max(4096)
  .refine((p) => p.startsWith('/'), 'an absolute path (starting with /)')
  .refine((p) => !p.includes('\0'), 'no NUL characters')
  .refine((p) => p === '/' || !p.endsWith('/'), 'no trailing "/"')
  .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), 'no "." or ".." segments')
  .refine((p) => !p.includes('//'), 'no empty segments ("//")');

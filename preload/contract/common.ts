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

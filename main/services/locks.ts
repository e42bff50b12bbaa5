import { randomBytes } from 'node:crypto';

declare const lockKey: unique symbol;

/**
 * What the lifecycle controller serializes on: one engine object (or one name about to be taken). Only the builders
 * below make one, so two services that touch the same object always build the same key.
 */
export type LockKey = string & { readonly [lockKey]: true };

const key = (kind: string, engineId: string, id: string) => `${kind}:${engineId}/${id}` as LockKey;

export const locks = {
  container: (engineId: string, id: string) => key('container', engineId, id),
  /** A container about to be created under `name` (none: a fresh key, nothing to wait for). */
  containerName: (engineId: string, name: string) => key('container-name', engineId, name || randomBytes(4).toString('hex')),
  image: (engineId: string, id: string) => key('image', engineId, id),
  /** A reference being pulled or pushed (`nginx:1.27`). */
  imageRef: (engineId: string, ref: string) => key('image-ref', engineId, ref),
  /** A build of one context folder. */
  build: (engineId: string, context: string) => key('build', engineId, context),
  network: (engineId: string, id: string) => key('network', engineId, id),
  volume: (engineId: string, name: string) => key('volume', engineId, name),
  /** A compose project. */
  stack: (engineId: string, project: string) => key('stack', engineId, project),
  /** The engine's own blanket prune of one kind. */
  prune: (engineId: string, what: string) => key('prune', engineId, what),
  /** A bulk action: its items take their own locks. */
  bulk: () => `bulk:${randomBytes(4).toString('hex')}` as LockKey,
};

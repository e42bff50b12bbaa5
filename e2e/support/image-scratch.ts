import { test } from '@playwright/test';
import type Docker from 'dockerode';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestRegistry } from '../../main/test-support/registry-server';

export interface ImageScratch {
  /** A folder for build contexts and saved tars (set before the spec's tests run). */
  work: string;
  /** A DOCKER_CONFIG of the spec's own, so no test reads or writes the user's credentials. */
  dockerConfig: string;
  /** Test registries a test started: stopped after the spec. */
  registries: TestRegistry[];
  /** Image tags a test made: removed after the spec. */
  tags: Set<string>;
}

/**
 * For a spec that builds, pushes and pulls images: its folders made before its tests, and after them the tags it made
 * removed, the registries it started stopped and the folders deleted. Call it at the top of the spec.
 */
export function useImageScratch(docker: Docker, prefix: string): ImageScratch {
  const scratch: ImageScratch = { work: '', dockerConfig: '', registries: [], tags: new Set() };
  test.beforeAll(() => {
    scratch.work = mkdtempSync(path.join(os.tmpdir(), `berth-e2e-${prefix}-`));
    scratch.dockerConfig = mkdtempSync(path.join(os.tmpdir(), `berth-e2e-${prefix}-cfg-`));
  });
  test.afterAll(async () => {
    for (const t of scratch.tags) await docker.getImage(t).remove({ force: true }).catch(() => undefined);
    await Promise.all(scratch.registries.map((r) => r.stop()));
    rmSync(scratch.work, { recursive: true, force: true });
    rmSync(scratch.dockerConfig, { recursive: true, force: true });
  });
  return scratch;
}

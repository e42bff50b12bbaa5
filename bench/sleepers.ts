import { createTestContainer, uniqueName } from '../main/test-support/engine';
import { CannotRun, pool, type BenchContext } from './lib';

/**
 * `count` running containers of this run (each a sleeping shell: idle, so what a benchmark counts is Berth's own
 * work), named `<label>…`; with their ids and the names' common prefix, which filters the list to exactly them
 * (uniqueName ends in a per-load token and a counter, with no separator between them). `init`: run under an init,
 * so the shell stops at SIGTERM at once.
 */
export async function startSleepers(
  ctx: BenchContext,
  count: number,
  label: string,
  options: { init?: boolean } = {},
): Promise<{ names: string[]; ids: string[]; prefix: string }> {
  const t0 = performance.now();
  const names = Array.from({ length: count }, () => uniqueName(label));
  const ids = await pool(names, 8, async (name) => {
    if (ctx.interrupted()) throw new CannotRun('interrupted');
    return (await createTestContainer(ctx.docker, { name, start: true, ...options })).id;
  });
  ctx.log(`  (started ${count} containers in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return { names, ids, prefix };
}

import { maskEnv } from '../../../preload/contract/secrets';

/**
 * An inspect answer as Berth shows it (the container Inspect tab, the image Inspect dialog): pretty-printed, with
 * secret env values masked unless revealed. Masking works on the engine's `Config.Env` list with the shared rule (preload/contract/secrets.ts).
 */
export function inspectText(raw: Record<string, unknown>, revealed: boolean): string {
  if (revealed) return JSON.stringify(raw, null, 2);
  const config = raw.Config as { Env?: unknown } | undefined;
  if (!config || !Array.isArray(config.Env)) return JSON.stringify(raw, null, 2);
  const masked = { ...raw, Config: { ...config, Env: maskEnv(config.Env.filter((e): e is string => typeof e === 'string')) } };
  return JSON.stringify(masked, null, 2);
}

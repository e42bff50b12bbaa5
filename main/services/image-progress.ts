import type { LayerProgress, TransferMessage } from '../../preload/contract/images';

/** One message of the engine's pull/push JSON stream. */
export interface RawProgress {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

const DIGEST_LINE = /^Digest:\s*(sha256:[0-9a-f]{64})/;
const PUSH_DIGEST = /digest:\s*(sha256:[0-9a-f]{64})/;

/**
 * Folds the engine's pull or push stream into per-layer state: what `docker pull` draws as bars. Pure; the service
 * feeds it lines and sends `snapshot()` at a screen-friendly rate.
 */
export class TransferProgress {
  private readonly layers = new Map<string, LayerProgress>();
  private readonly lines: string[] = [];
  status = '';
  digest: string | null = null;
  error: string | null = null;

  constructor(private readonly kind: 'pull' | 'push') {}

  /** Returns a log line to show (statuses that are not per-layer), or null. */
  push(msg: RawProgress): string | null {
    if (msg.error || msg.errorDetail?.message) {
      this.error = msg.errorDetail?.message ?? msg.error ?? 'unknown error';
      return null;
    }
    if (msg.aux?.Digest) this.digest = msg.aux.Digest;
    const status = msg.status ?? '';
    const digestMatch = DIGEST_LINE.exec(status) ?? PUSH_DIGEST.exec(status);
    if (digestMatch) this.digest = digestMatch[1]!;
    // A layer id is 12 hex characters; other ids (the tag in "Pulling from") are not layers.
    if (!msg.id || !/^[0-9a-f]{12}$/.test(msg.id)) {
      if (status) {
        this.status = status;
        this.lines.push(msg.id ? `${msg.id}: ${status}` : status);
        return this.lines[this.lines.length - 1]!;
      }
      return null;
    }
    const layer = this.layers.get(msg.id) ?? { id: msg.id, phase: 'waiting', current: 0, total: 0, fraction: 0 };
    const next = applyStatus(layer, status, msg.progressDetail, this.kind);
    this.layers.set(msg.id, next);
    return null;
  }

  snapshot(): Extract<TransferMessage, { type: 'progress' }> {
    const layers = [...this.layers.values()];
    return { type: 'progress', layers, percent: overallPercent(layers), bytes: bytesOf(layers), status: this.status };
  }
}

function applyStatus(
  layer: LayerProgress,
  status: string,
  detail: RawProgress['progressDetail'],
  kind: 'pull' | 'push',
): LayerProgress {
  const current = detail?.current ?? 0;
  const total = detail?.total ?? 0;
  const half = (n: number, t: number) => (t > 0 ? Math.min(1, n / t) / 2 : 0);
  const s = status.toLowerCase();
  if (s.startsWith('pulling fs layer') || s.startsWith('waiting') || s.startsWith('preparing')) {
    return { ...layer, phase: 'waiting', fraction: 0 };
  }
  if (s.startsWith('downloading')) {
    return { ...layer, phase: 'downloading', current, total: total || layer.total, fraction: half(current, total) };
  }
  if (s.startsWith('verifying checksum') || s.startsWith('download complete')) {
    return { ...layer, phase: 'verifying', current: layer.total, fraction: 0.5 };
  }
  if (s.startsWith('extracting')) {
    // The extract total is the compressed size again; keep the download total for the byte count.
    return { ...layer, phase: 'extracting', current: layer.total, fraction: 0.5 + half(current, total) };
  }
  if (s.startsWith('pushing')) {
    return { ...layer, phase: 'pushing', current, total: total || layer.total, fraction: total > 0 ? Math.min(1, current / total) : 0 };
  }
  if (s.startsWith('pull complete') || s.startsWith('pushed')) {
    return { ...layer, phase: 'done', current: layer.total, fraction: 1 };
  }
  if (s.startsWith('already exists') || s.startsWith('layer already exists') || s.startsWith('mounted from')) {
    return { ...layer, phase: 'exists', fraction: 1 };
  }
  if (kind === 'push' && s.startsWith('retrying')) return { ...layer, phase: 'waiting', fraction: 0 };
  return layer;
}

/** Layers of known size weigh their size; layers not yet sized weigh the average of the known ones (or 1). */
export function overallPercent(layers: readonly LayerProgress[]): number {
  const counted = layers.filter((l) => l.phase !== 'exists');
  if (counted.length === 0) return layers.length > 0 ? 100 : 0;
  const known = counted.filter((l) => l.total > 0);
  const average = known.length > 0 ? known.reduce((n, l) => n + l.total, 0) / known.length : 1;
  let done = 0;
  let all = 0;
  for (const l of counted) {
    const weight = l.total > 0 ? l.total : average;
    done += weight * l.fraction;
    all += weight;
  }
  return Math.round((done / all) * 1000) / 10;
}

function bytesOf(layers: readonly LayerProgress[]) {
  let current = 0;
  let total = 0;
  for (const l of layers) {
    if (l.phase === 'exists') continue;
    total += l.total;
    current += Math.min(l.current, l.total || l.current);
  }
  return { current, total };
}

/** An image as far as its disk use goes: its id, total size and layer chain (RootFS.Layers, base first). */
export interface LayeredImage {
  id: string;
  size: number;
  layers: readonly string[];
}

/**
 * The bytes only `image` holds, from layer chains: its size less the largest other image whose layers are a prefix
 * of its own (the base it was built on). For when /system/df's SharedSize cannot be used (Docker 26 reports it
 * equal to Size for images whose top layers no other image has). Images that share layers only with each other
 * count those layers each: an upper bound, as a prune preview may show.
 */
export function uniqueSize(image: LayeredImage, others: readonly LayeredImage[]): number {
  let base = 0;
  for (const o of others) {
    if (o.id === image.id || o.layers.length === 0 || o.layers.length > image.layers.length) continue;
    if (o.layers.every((l, i) => image.layers[i] === l)) base = Math.max(base, o.size);
  }
  return Math.max(0, image.size - base);
}

/** The public members of one part (a class's private fields are left out, so two services never clash on them). */
type Public<T> = { [K in keyof T]: T[K] };
type Merged<T extends readonly object[]> = T extends readonly [infer H extends object, ...infer R extends readonly object[]] ? Public<H> & Merged<R> : unknown;

/**
 * One contract area served by several objects (volumes: the volume service and its transfers): an object with every
 * method of each part, bound to that part, and the parts' own properties (sub-areas). The first part wins a name.
 */
export function joined<T extends readonly object[]>(...parts: T): Merged<T> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part)) if (!(name in out)) out[name] = value;
    for (let proto = Object.getPrototypeOf(part) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const value = (part as Record<string, unknown>)[name];
        if (name !== 'constructor' && !(name in out) && typeof value === 'function') out[name] = (value as (...a: unknown[]) => unknown).bind(part);
      }
    }
  }
  return out as Merged<T>;
}

/** `new URL(text)`, or null where `text` is not a URL: what URL.parse does from Node 22 on, which `berth serve` on Node 20 lacks. */
export function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

import type { BerthErrorShape, CallContext } from '../../preload/contract';
import type { Router } from '../rpc/router';
import { eventually } from './engine';

/**
 * A terminal stream (`terminal.open`, `debugShell.open`) opened through the router, with what it sent so far: its
 * messages, its output as text, the ready message once it comes (`readyTimeoutMs`), typing into the session, cancel.
 */
export function openTerminalStream<M extends { type: string }>(
  router: Router,
  path: string,
  input: object,
  ctx: CallContext,
  readyTimeoutMs?: number,
) {
  const messages: M[] = [];
  const chunks: Uint8Array[] = [];
  let error: BerthErrorShape | null = null;
  let completed = false;
  const cancel = router.subscribe(
    path,
    input,
    {
      next: (m) => {
        const msg = m as M;
        messages.push(msg);
        if (msg.type === 'data') chunks.push((msg as M & { data: Uint8Array }).data);
      },
      error: (e) => (error = e),
      complete: () => (completed = true),
    },
    ctx,
  );
  const text = () => Buffer.concat(chunks).toString('utf8');
  const ready = () =>
    eventually(() => {
      if (error) throw new Error(`stream failed: ${JSON.stringify(error)}`);
      const r = messages.find((m) => m.type === 'ready');
      if (!r) throw new Error('no ready message yet');
      return r as Extract<M, { type: 'ready' }>;
    }, readyTimeoutMs);
  const type = (s: string, sessionId: string) => router.call('terminal.write', { sessionId, data: new TextEncoder().encode(s) }, ctx);
  return { messages, text, ready, type, cancel, error: () => error, completed: () => completed };
}

import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents, type WebFrameMain } from 'electron';
import { BerthError, type BerthErrorShape, type Unsubscribe } from '../../preload/contract';
import { IPC_CHANNELS, type ServerMessage } from '../../preload/contract/wire';
import type { Router } from '../rpc/router';
import { toErrorShape } from '../errors';

/** What `berth:call` resolves to: Errors lose their fields over IPC, so failures travel as plain data. */
export type IpcCallResult = { ok: true; value: unknown } | { ok: false; error: BerthErrorShape };

export interface IpcOptions {
  /** The one gate: is this frame, in this webContents, our own renderer's main frame? */
  isTrustedSender(frame: WebFrameMain | null, sender: WebContents): boolean;
  /** For refused senders; defaults to console.warn. */
  log?(message: string): void;
}

/** One loaded document in one webContents; a new one starts after every main-frame navigation or reload. */
interface ClientState {
  readonly clientId: string;
  readonly streams: Map<number, Unsubscribe>;
}

const TRANSPORT = 'electron';

/**
 * Wires the router to Electron IPC. The only user of `ipcMain`: it registers exactly the `berth:` channels, checks
 * the sender of every message, and cancels a document's streams when it goes away. Returns a function that
 * unregisters everything and cancels every stream.
 */
export function attachIpc(router: Router, options: IpcOptions): () => void {
  const log = options.log ?? ((m: string) => console.warn(m));
  const clients = new Map<number, ClientState>();
  const watched = new WeakSet<WebContents>();
  let generation = 0;

  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string): boolean => {
    let ok: boolean;
    try {
      ok = options.isTrustedSender(event.senderFrame, event.sender);
    } catch {
      ok = false;
    }
    if (!ok) log(`berth: refused ${channel} from a foreign sender (${safeUrl(event.senderFrame)})`);
    return ok;
  };

  const endClient = (contents: WebContents) => {
    const state = clients.get(contents.id);
    if (!state) return;
    clients.delete(contents.id);
    state.streams.clear();
    router.disposeClient(state.clientId);
  };

  const clientFor = (contents: WebContents): ClientState => {
    let state = clients.get(contents.id);
    if (!state) {
      state = { clientId: `${TRANSPORT}:${contents.id}:${++generation}`, streams: new Map() };
      clients.set(contents.id, state);
    }
    if (!watched.has(contents)) {
      watched.add(contents);
      // `did-navigate` fires when a main-frame, cross-document navigation (a reload included) commits. Not
      // `did-start-navigation`: that also fires for navigations `will-navigate` then blocks, and the page that
      // stays would lose its live streams.
      contents.on('did-navigate', () => endClient(contents));
      contents.on('render-process-gone', () => endClient(contents));
      contents.once('destroyed', () => endClient(contents));
    }
    return state;
  };

  const send = (contents: WebContents, message: ServerMessage) => {
    if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.stream, message);
  };

  ipcMain.handle(IPC_CHANNELS.call, async (event, path: unknown, input: unknown): Promise<IpcCallResult> => {
    if (!trusted(event, IPC_CHANNELS.call)) {
      return { ok: false, error: new BerthError('PERMISSION_DENIED', 'This window may not call Berth.').toShape() };
    }
    const { clientId } = clientFor(event.sender);
    try {
      return { ok: true, value: await router.call(path, input, { transport: TRANSPORT, clientId }) };
    } catch (err) {
      return { ok: false, error: toErrorShape(err) };
    }
  });

  ipcMain.on(IPC_CHANNELS.subscribe, (event, message: unknown) => {
    // A foreign sender gets no answer at all: replying through `event.sender` would reach our own main frame if the
    // sender were one of its subframes, and its ids could collide with real streams there.
    if (!trusted(event, IPC_CHANNELS.subscribe)) return;
    const msg = message as { t?: unknown; id?: unknown; path?: unknown; input?: unknown } | null;
    if (typeof msg !== 'object' || msg === null || !isStreamId(msg.id)) return;
    const id = msg.id;
    const contents = event.sender;
    const state = clientFor(contents);
    state.streams.get(id)?.();
    let ended = false;
    // Filled in once router.subscribe returns; `end` may run before that (a bad path is reported synchronously).
    const own: { unsubscribe?: Unsubscribe } = {};
    const end = () => {
      ended = true;
      if (own.unsubscribe && state.streams.get(id) === own.unsubscribe) state.streams.delete(id);
    };
    const live = () => !ended && clients.get(contents.id) === state;
    own.unsubscribe = router.subscribe(
      msg.path,
      msg.input,
      {
        next: (value) => {
          // Uint8Array payloads go through structured clone as they are: binary stays binary.
          if (live()) send(contents, { t: 'next', id, value });
        },
        error: (error) => {
          if (!live()) return;
          end();
          send(contents, { t: 'error', id, error });
        },
        complete: () => {
          if (!live()) return;
          end();
          send(contents, { t: 'complete', id });
        },
      },
      { transport: TRANSPORT, clientId: state.clientId },
    );
    // The router reports a bad path or input synchronously through `error`; only a live stream is kept.
    if (!ended) state.streams.set(id, own.unsubscribe);
  });

  ipcMain.on(IPC_CHANNELS.unsubscribe, (event, message: unknown) => {
    if (!trusted(event, IPC_CHANNELS.unsubscribe)) return;
    const id = (message as { id?: unknown } | null)?.id;
    if (!isStreamId(id)) return;
    const state = clients.get(event.sender.id);
    const unsubscribe = state?.streams.get(id);
    if (!state || !unsubscribe) return;
    state.streams.delete(id);
    unsubscribe();
  });

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeAllListeners(IPC_CHANNELS.subscribe);
    ipcMain.removeAllListeners(IPC_CHANNELS.unsubscribe);
    for (const state of clients.values()) router.disposeClient(state.clientId);
    clients.clear();
  };
}

/**
 * The usual `isTrustedSender`: the message comes from the main frame of our own window's webContents, and that frame
 * shows our renderer (`isAppUrl`), not a page it was somehow navigated to.
 */
export function ownMainFrameOnly(
  ownContents: () => WebContents | null | undefined,
  isAppUrl: (url: string) => boolean,
): IpcOptions['isTrustedSender'] {
  return (frame, sender) => {
    const own = ownContents();
    if (!own || own.isDestroyed() || sender !== own || !frame) return false;
    const main = own.mainFrame;
    if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
    return isAppUrl(frame.url);
  };
}

function isStreamId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}

function safeUrl(frame: WebFrameMain | null): string {
  try {
    return frame ? frame.url.slice(0, 120) : 'no frame';
  } catch {
    return 'frame gone';
  }
}

// The whole preload: `window.berth`, generated from the contract, over three `berth:` IPC channels. Nothing else is
// exposed. Runs sandboxed, so it is bundled into one file and may require only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import type { BerthApi } from './contract';
import { createClientFromShape, type ClientTransport, type ContractShape } from './contract/client';
import type { StreamHandlers } from './contract/define';
import { isBerthErrorShape, type BerthErrorShape } from './contract/errors';
import { IPC_CHANNELS, type ClientMessage, type ServerMessage } from './contract/wire';

type CallResult = { ok: true; value: unknown } | { ok: false; error: BerthErrorShape };

/** Minimal slice of `ipcRenderer` this transport needs; the tests pass a fake. */
type IpcRendererLike = Pick<typeof ipcRenderer, 'invoke' | 'send' | 'on'>;

export function createIpcTransport(ipc: IpcRendererLike): ClientTransport {
  const streams = new Map<number, StreamHandlers<unknown>>();
  let nextId = 1;

  ipc.on(IPC_CHANNELS.stream, (_event, message: ServerMessage) => {
    const handlers = streams.get(message.id);
    if (!handlers) return;
    switch (message.t) {
      case 'next':
        handlers.next(message.value);
        break;
      case 'error':
        streams.delete(message.id);
        handlers.error?.(message.error);
        break;
      case 'complete':
        streams.delete(message.id);
        handlers.complete?.();
        break;
    }
  });

  return {
    async call(path, input) {
      let result: CallResult;
      try {
        result = (await ipc.invoke(IPC_CHANNELS.call, path, input)) as CallResult;
      } catch (err) {
        // Only when main has no handler (yet) or the channel broke; never a service error.
        throw plainError({ code: 'TRANSPORT_CLOSED', message: `Berth's main process did not answer: ${String(err)}` });
      }
      if (result.ok) return result.value;
      // A plain `{ code, message, details }`: an Error would lose its fields crossing the context bridge.
      throw plainError(isBerthErrorShape(result.error) ? result.error : { code: 'INTERNAL', message: 'Unknown error.' });
    },
    subscribe(path, input, handlers) {
      const id = nextId++;
      streams.set(id, handlers);
      ipc.send(IPC_CHANNELS.subscribe, { t: 'sub', id, path, input } satisfies ClientMessage);
      return () => {
        if (!streams.delete(id)) return;
        ipc.send(IPC_CHANNELS.unsubscribe, { t: 'unsub', id } satisfies ClientMessage);
      };
    },
  };
}

function plainError(shape: BerthErrorShape): BerthErrorShape {
  return shape.details === undefined
    ? { code: shape.code, message: shape.message }
    : { code: shape.code, message: shape.message, details: shape.details };
}

/**
 * Every contract entry's path and kind, `contractShape(contract)`, put in by the build (scripts/build.mjs) and by the
 * unit tests (vitest.config.ts). Importing the contract here would build every zod schema in it before the window's
 * page starts to load, and the preload needs none of them: main validates every input.
 */
declare const __BERTH_CONTRACT_SHAPE__: ContractShape;

// Functions (the methods, and the unsubscribe a stream returns) are proxied by contextBridge; data is copied.
contextBridge.exposeInMainWorld('berth', createClientFromShape<BerthApi>(__BERTH_CONTRACT_SHAPE__, createIpcTransport(ipcRenderer)));

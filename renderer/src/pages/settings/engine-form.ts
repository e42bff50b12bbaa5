import type { AddEngineInput } from '../../../../preload/contract';

export type EngineKindChoice = AddEngineInput['kind'];

/** What the form holds; turned into the contract's input on submit (main checks it again). */
export interface EngineForm {
  name: string;
  host: string;
  user: string;
  port: string;
  socketPath: string;
  context: string;
  tls: boolean;
  verify: boolean;
  ca: string;
  cert: string;
  key: string;
}

export const EMPTY_ENGINE_FORM: EngineForm = { name: '', host: '', user: '', port: '', socketPath: '', context: '', tls: true, verify: true, ca: '', cert: '', key: '' };

/** The input for engine.add, or what is missing. */
export function addEngineRequest(kind: EngineKindChoice, f: EngineForm): { input: AddEngineInput } | { problem: string } {
  const name = f.name.trim() ? { name: f.name.trim() } : {};
  const port = f.port.trim() ? Number(f.port.trim()) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) return { problem: 'The port is a number from 1 to 65535.' };
  switch (kind) {
    case 'ssh':
      if (!f.host.trim()) return { problem: 'Give the host: a name, an address or a Host alias from ~/.ssh/config.' };
      return { input: { kind, ...name, host: f.host.trim(), ...(f.user.trim() ? { user: f.user.trim() } : {}), ...(port ? { port } : {}) } };
    case 'tcp': {
      if (!f.host.trim()) return { problem: 'Give the host name or address.' };
      const tls = f.tls
        ? { verify: f.verify, ...(f.ca.trim() ? { ca: f.ca.trim() } : {}), ...(f.cert.trim() ? { cert: f.cert.trim() } : {}), ...(f.key.trim() ? { key: f.key.trim() } : {}) }
        : null;
      if (tls && !tls.cert !== !tls.key) return { problem: 'A client certificate and its key go together.' };
      return { input: { kind, ...name, host: f.host.trim(), port: port ?? (f.tls ? 2376 : 2375), tls } };
    }
    case 'unix':
      if (!f.socketPath.trim()) return { problem: 'Give the socket’s path.' };
      return { input: { kind, ...name, socketPath: f.socketPath.trim() } };
    case 'context':
      if (!f.context.trim()) return { problem: 'Give the context’s name (docker context ls).' };
      return { input: { kind, ...name, context: f.context.trim() } };
  }
}

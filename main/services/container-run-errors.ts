import { BerthError } from '../../preload/contract/errors';
import { toBerthError } from '../errors';

/**
 * What went wrong creating or starting a container, said for a person and pointing at the dialog field to fix
 * (`details.field`). The engine's own wording is matched because its status codes alone do not tell these apart.
 */
export function explainRunError(err: unknown, ctx: { image: string; name: string; what: string }): BerthError {
  const e = toBerthError(err, ctx.what);
  const text = e.message;

  if (e.code === 'NOT_FOUND' && /image/i.test(text)) {
    return new BerthError(
      'NOT_FOUND',
      `The image "${ctx.image}" is not on this engine. Pull it first (docker pull ${ctx.image}), or pick a local image.`,
      { field: 'image', reason: 'image-missing' },
    );
  }
  if (/is already in use by container/i.test(text) || (e.code === 'CONFLICT' && /name/i.test(text))) {
    return new BerthError('CONFLICT', `The name "${ctx.name}" is already taken by another container. Pick another name, or rename or remove that one.`, {
      field: 'name',
      reason: 'name-taken',
    });
  }
  const port = portInUse(text);
  if (port) {
    const where = port.ip && port.ip !== '0.0.0.0' ? ` on ${port.ip}` : '';
    return new BerthError(
      'CONFLICT',
      `Host port ${port.port}${where} is already in use (by another container or program). Pick another host port, or leave it empty to get a free one.`,
      { field: 'ports', reason: 'port-in-use', port: port.port },
    );
  }
  if (/Minimum memory limit/i.test(text)) {
    return new BerthError('INVALID_INPUT', `${text}`, { field: 'memory' });
  }
  if (/range of CPUs|NanoCPUs/i.test(text)) {
    return new BerthError('INVALID_INPUT', `${text}`, { field: 'cpus' });
  }
  if (/network .* not found/i.test(text)) {
    return new BerthError('NOT_FOUND', text, { field: 'network' });
  }
  return e;
}

/**
 * The port from the engine's two wordings: "Bind for 0.0.0.0:8080 failed: port is already allocated" (another
 * container holds it) and "listen tcp4 0.0.0.0:8080: bind: address already in use" (another program does).
 */
export function portInUse(message: string): { ip: string; port: number } | null {
  const m =
    /Bind for \[?([0-9a-f.:]*?)\]?:(\d+) failed: port is already allocated/i.exec(message) ??
    /listen (?:tcp|udp|sctp)[46]? \[?([0-9a-f.:]*?)\]?:(\d+): bind: address already in use/i.exec(message);
  return m ? { ip: m[1] ?? '', port: Number(m[2]) } : null;
}

import { describe, expect, it } from 'vitest';
import { explainRunError, portInUse } from './container-run-errors';

const engineError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode, json: { message } });
const ctx = { image: 'nginx:1.27', name: 'web', what: 'create "web"' };

describe('run errors', () => {
  it('names the port in both of the engine wordings', () => {
    expect(portInUse('driver failed programming external connectivity on endpoint x (abc): Bind for 0.0.0.0:8080 failed: port is already allocated')).toEqual({ ip: '0.0.0.0', port: 8080 });
    expect(portInUse('Error starting userland proxy: listen tcp4 127.0.0.1:5432: bind: address already in use')).toEqual({ ip: '127.0.0.1', port: 5432 });
    const e = explainRunError(engineError(500, 'driver failed …: Bind for 0.0.0.0:8080 failed: port is already allocated'), ctx);
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/Host port 8080 is already in use/);
    expect(e.details).toMatchObject({ field: 'ports', port: 8080 });
  });
  it('says when the image is not local and when the name is taken', () => {
    const missing = explainRunError(engineError(404, 'No such image: nginx:1.27'), ctx);
    expect(missing.message).toMatch(/not on this engine.*docker pull nginx:1.27/);
    expect(missing.details).toMatchObject({ field: 'image' });
    const taken = explainRunError(engineError(409, 'Conflict. The container name "/web" is already in use by container "abc". You have to remove (or rename) that container to be able to reuse that name.'), ctx);
    expect(taken.message).toBe('The name "web" is already taken by another container. Pick another name, or rename or remove that one.');
    expect(taken.details).toMatchObject({ field: 'name' });
  });
  it('passes other errors through the one mapping', () => {
    expect(explainRunError(engineError(500, 'something else'), ctx).message).toBe('Could not create "web": the engine answered 500: something else');
  });
});

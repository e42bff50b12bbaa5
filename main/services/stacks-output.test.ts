import { describe, expect, it } from 'vitest';
import { createOutputReader } from './stacks-output';

describe('compose output reader', () => {
  const read = createOutputReader('shop', ['web', 'db', 'worker-1']);

  it('attributes compose v1 steps to services', () => {
    expect(read('Creating network "shop_default" with the default driver')).toEqual({ service: null });
    expect(read('Creating shop_db_1 ... ')).toEqual({ service: 'db', progress: { service: 'db', step: 'Creating', state: 'working' } });
    expect(read('Creating shop_db_1 ... done')).toEqual({ service: 'db', progress: { service: 'db', step: 'Created', state: 'done' } });
    expect(read('Stopping shop_web_2 ... done').progress).toEqual({ service: 'web', step: 'Stopped', state: 'done' });
    expect(read('Removing shop_web_2 ... done').progress?.step).toBe('Removed');
    expect(read('Pulling db ... done').progress?.step).toBe('Pulled');
    expect(read('Pulling worker-1 ... error').progress).toEqual({ service: 'worker-1', step: 'Pulling', state: 'failed' });
    expect(read('Building web').progress).toEqual({ service: 'web', step: 'Building', state: 'working' });
  });

  it('names the service of a v1 failure once (not again for its container)', () => {
    const msg = 'Cannot start service web: driver failed programming external connectivity: Bind for 0.0.0.0:8080 failed: port is already allocated';
    expect(read(`ERROR: for shop_web_1  ${msg}`)).toEqual({ service: 'web' });
    const r = read(`ERROR: for web  ${msg}`);
    expect(r.failure).toEqual({ service: 'web', message: msg });
    expect(r.progress).toMatchObject({ service: 'web', state: 'failed' });
    expect(read('ERROR: Encountered errors while bringing up the project.')).toEqual({ service: null });
    expect(read("ERROR: Service 'web' failed to build : The command '/bin/sh -c false' returned a non-zero code: 1").failure).toEqual({
      service: 'web',
      message: "failed to build: The command '/bin/sh -c false' returned a non-zero code: 1",
    });
  });

  it('reads compose v2 progress and failures', () => {
    expect(read(' Container shop-db-1  Healthy').progress).toEqual({ service: 'db', step: 'Healthy', state: 'done' });
    expect(read(' Container shop-web-1  Starting').progress).toEqual({ service: 'web', step: 'Starting', state: 'working' });
    expect(read(' Network shop_default  Created')).toEqual({ service: null });
    expect(read(' db Pulled').progress).toEqual({ service: 'db', step: 'Pulled', state: 'done' });
    expect(read('dependency failed to start: container shop-db-1 is unhealthy').failure).toEqual({ service: 'db', message: 'dependency db is unhealthy' });
    expect(read('Error response from daemon: driver failed programming external connectivity on endpoint shop-web-1 (abc)').failure).toMatchObject({ service: 'web' });
  });

  it('attributes an error that names no service to none', () => {
    expect(read('ERROR: Named volume "x:/y:rw" is used in service "web" but no declaration was found').failure).toMatchObject({ service: 'web' });
    expect(read('ERROR: something odd').failure).toEqual({ service: null, message: 'something odd' });
  });
});

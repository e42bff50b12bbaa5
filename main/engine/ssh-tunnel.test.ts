import { describe, expect, it } from 'vitest';
import { resolveTarget, type SshEnvironment } from './ssh-tunnel';

const HOME = '/home/ada';
const env = (config: string): SshEnvironment => ({
  homedir: HOME,
  localUser: 'ada',
  env: {},
  readFile: (p) => (p === `${HOME}/.ssh/config` ? config : null),
});

describe('resolveTarget: what an ssh:// endpoint dials', () => {
  const config = 'Host box\n  HostName 10.0.0.5\n  Port 2200\n  User deploy\n  UserKnownHostsFile /etc/berth/kh\n';

  it('the URL’s user and port win over ~/.ssh/config, which wins over the defaults', () => {
    expect(resolveTarget({ host: 'box' }, env(config))).toMatchObject({ host: '10.0.0.5', port: 2200, user: 'deploy', knownHostsFiles: ['/etc/berth/kh'] });
    expect(resolveTarget({ host: 'box', port: 22, username: 'root' }, env(config))).toMatchObject({ host: '10.0.0.5', port: 22, user: 'root' });
  });

  it('a host the config does not name: port 22, the local user, ~/.ssh/known_hosts', () => {
    expect(resolveTarget({ host: 'other.lan' }, env(config))).toMatchObject({ host: 'other.lan', port: 22, user: 'ada', knownHostsFiles: [`${HOME}/.ssh/known_hosts`] });
  });

  it('extra known_hosts files are read after the config’s (an accepted key goes to the first)', () => {
    expect(resolveTarget({ host: 'box' }, { ...env(config), extraKnownHosts: ['/x/kh'] }).knownHostsFiles).toEqual(['/etc/berth/kh', '/x/kh']);
  });
});

import { describe, expect, it } from 'vitest';
import { globMatch, hostPatternsMatch, parseProxyJump, resolveSshHost, splitConfigLine, type SshConfigInput } from './ssh-config';

const HOME = '/home/ada';
function input(files: Record<string, string>, dirs: Record<string, string[]> = {}): SshConfigInput {
  return {
    homedir: HOME,
    localUser: 'ada',
    readFile: (p) => (Object.hasOwn(files, p) ? files[p]! : null),
    listDir: (d) => dirs[d] ?? [],
  };
}
const cfg = (text: string) => input({ [`${HOME}/.ssh/config`]: text });

describe('ssh_config lines', () => {
  it('takes `Key value`, `Key=value` and quoted arguments, and skips comments', () => {
    expect(splitConfigLine('  HostName   10.0.0.5 ')).toEqual({ keyword: 'hostname', args: ['10.0.0.5'] });
    expect(splitConfigLine('Port=2222')).toEqual({ keyword: 'port', args: ['2222'] });
    expect(splitConfigLine('IdentityFile "/home/ada/my keys/id"')).toEqual({ keyword: 'identityfile', args: ['/home/ada/my keys/id'] });
    expect(splitConfigLine('# Host x')).toBeNull();
    expect(splitConfigLine('')).toBeNull();
  });

  it('patterns: * and ?, case-insensitive, negation wins', () => {
    expect(globMatch('*.lan', 'build.LAN')).toBe(true);
    expect(globMatch('web?', 'web1')).toBe(true);
    expect(globMatch('web?', 'web10')).toBe(false);
    expect(globMatch('a.b', 'axb')).toBe(false);
    expect(hostPatternsMatch(['*.lan', '!secret.lan'], 'build.lan')).toBe(true);
    expect(hostPatternsMatch(['*.lan', '!secret.lan'], 'secret.lan')).toBe(false);
    expect(hostPatternsMatch(['!secret.lan'], 'build.lan')).toBe(false);
  });
});

describe('resolveSshHost', () => {
  it('an alias gives its HostName, User, Port, IdentityFile (with ~ and %d) and known_hosts file', () => {
    const r = resolveSshHost(
      'box',
      cfg(`Host box
  HostName 127.0.0.1
  Port 2222
  User root
  IdentityFile ~/.ssh/box_key
  IdentityFile %d/.ssh/second
  IdentitiesOnly yes
  UserKnownHostsFile /opt/kh /opt/kh2
  StrictHostKeyChecking yes
  ServerAliveInterval 20
`),
    );
    expect(r).toEqual({
      hostName: '127.0.0.1',
      port: 2222,
      user: 'root',
      identityFiles: [`${HOME}/.ssh/box_key`, `${HOME}/.ssh/second`],
      identitiesOnly: true,
      userKnownHostsFiles: ['/opt/kh', '/opt/kh2'],
      strictHostKeyChecking: 'yes',
      serverAliveIntervalSeconds: 20,
    });
  });

  it('the first value obtained wins; IdentityFile accumulates across matching blocks', () => {
    const r = resolveSshHost(
      'web1',
      cfg(`Host web1
  User deploy
  IdentityFile ~/.ssh/web
Host web*
  User nobody
  Port 2200
  IdentityFile ~/.ssh/all
Host *
  Port 22
`),
    );
    expect(r.user).toBe('deploy');
    expect(r.port).toBe(2200);
    expect(r.identityFiles).toEqual([`${HOME}/.ssh/web`, `${HOME}/.ssh/all`]);
    expect(r.hostName).toBe('web1');
  });

  it('a host that matches no block is dialled as named, with nothing set', () => {
    const r = resolveSshHost('other', cfg('Host box\n  HostName 1.2.3.4\n'));
    expect(r).toEqual({ hostName: 'other', identityFiles: [], identitiesOnly: false, userKnownHostsFiles: [] });
  });

  it('lines before the first Host apply to every host; Match blocks are skipped', () => {
    const r = resolveSshHost('x', cfg('User early\nMatch host x\n  User matched\nHost x\n  Port 9\n'));
    expect(r.user).toBe('early');
    expect(r.port).toBe(9);
  });

  it('HostName %h keeps the alias inside a longer name', () => {
    expect(resolveSshHost('db', cfg('Host db\n  HostName %h.internal.example\n')).hostName).toBe('db.internal.example');
  });

  it('Include reads files relative to ~/.ssh, with * in the last segment, in place', () => {
    const files = {
      [`${HOME}/.ssh/config`]: 'Include conf.d/*.conf\nHost box\n  User late\n',
      [`${HOME}/.ssh/conf.d/a.conf`]: 'Host box\n  HostName 10.1.1.1\n  User early\n',
      [`${HOME}/.ssh/conf.d/b.conf`]: 'Host box\n  Port 2022\n',
    };
    const r = resolveSshHost('box', input(files, { [`${HOME}/.ssh/conf.d`]: ['b.conf', 'a.conf', 'README'] }));
    expect(r).toMatchObject({ hostName: '10.1.1.1', user: 'early', port: 2022 });
  });

  it('ProxyJump: the hosts to go through, in order, each [user@]host[:port] or an ssh:// URI', () => {
    expect(resolveSshHost('inner', cfg('Host inner\n  ProxyJump bastion\n'))).toMatchObject({ proxyJump: [{ host: 'bastion' }] });
    expect(resolveSshHost('inner', cfg('Host inner\n  ProxyJump ops@gate.example:2200,ssh://root@10.0.0.2:22,[fd00::1]:2022\n')).proxyJump).toEqual([
      { host: 'gate.example', user: 'ops', port: 2200 },
      { host: '10.0.0.2', user: 'root', port: 22 },
      { host: 'fd00::1', port: 2022 },
    ]);
    expect(parseProxyJump('a , b')).toEqual([{ host: 'a' }, { host: 'b' }]);
  });

  it('ProxyJump none, or a Host * ProxyJump that a more specific block turned off, goes direct', () => {
    expect(resolveSshHost('inner', cfg('Host inner\n  ProxyJump none\n'))).not.toHaveProperty('proxyJump');
    const r = resolveSshHost('bastion', cfg('Host bastion\n  ProxyJump none\nHost *\n  ProxyJump bastion\n'));
    expect(r).not.toHaveProperty('proxyJump');
    expect(r).not.toHaveProperty('proxy');
    expect(resolveSshHost('web', cfg('Host bastion\n  ProxyJump none\nHost *\n  ProxyJump bastion\n')).proxyJump).toEqual([{ host: 'bastion' }]);
  });

  it('a ProxyJump that names no usable host, or a ProxyCommand, is reported instead of silently going direct', () => {
    expect(resolveSshHost('inner', cfg('Host inner\n  ProxyJump user@:22\n')).proxy).toMatch(/^ProxyJump user@:22 \(not a list/);
    expect(parseProxyJump('a,,b')).toBeNull();
    expect(parseProxyJump('h:99999')).toBeNull();
    expect(resolveSshHost('inner', cfg('Host inner\n  ProxyCommand nc %h %p\n')).proxy).toBe('ProxyCommand nc %h %p');
    // The first of the two given wins, as in OpenSSH.
    expect(resolveSshHost('inner', cfg('Host inner\n  ProxyCommand nc %h %p\nHost *\n  ProxyJump gate\n'))).not.toHaveProperty('proxyJump');
    expect(resolveSshHost('inner', cfg('Host inner\n  ProxyJump gate\nHost *\n  ProxyCommand nc %h %p\n'))).toMatchObject({ proxyJump: [{ host: 'gate' }] });
  });

  it('a missing ~/.ssh/config is no config at all', () => {
    expect(resolveSshHost('h', input({})).hostName).toBe('h');
  });
});

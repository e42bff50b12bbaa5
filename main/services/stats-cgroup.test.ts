import { describe, expect, it } from 'vitest';
import {
  containerCgroup,
  containerCgroupPath,
  localCpuPercent,
  memoryInUse,
  memoryLimit,
  parseBlkioV1,
  parseIoStatV2,
  parseMemTotal,
  parseMountinfo,
  parseNetDev,
  parseNumber,
  parseProcCgroup,
  statValue,
} from './stats-cgroup';

const ID = '1d7cba52994c505ac45e46e59fa23811e173f2f4dadaf3e87686098d0e1ffd7f';

// A Debian host on cgroup v1 with the cgroupfs driver (cpu and cpuacct mounted apart) and an empty unified hierarchy.
const MOUNTINFO_V1 = `22 28 0:20 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;
const CGROUP_V1 = `9:name=systemd:/docker/${ID}
8:pids:/docker/${ID}
7:blkio:/docker/${ID}
4:memory:/docker/${ID}
2:cpuacct:/docker/${ID}
1:cpu:/docker/${ID}
0::/docker/${ID}
`;

// A systemd host on cgroup v2 only (systemd driver).
const MOUNTINFO_V2 = `29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n`;
const CGROUP_V2 = `0::/system.slice/docker-${ID}.scope\n`;

describe('cgroup paths', () => {
  it('mountinfo: v1 controllers by name (co-mounted ones under each), the v2 mount, escapes undone', () => {
    const m = parseMountinfo(`${MOUNTINFO_V1}50 31 0:40 / /sys/fs/cgroup/cpu\\040x rw - cgroup cgroup rw,net_cls,net_prio\n`);
    expect(m.v1.get('cpuacct')).toEqual({ root: '/', mountPoint: '/sys/fs/cgroup/cpuacct' });
    expect(m.v1.get('net_prio')).toEqual({ root: '/', mountPoint: '/sys/fs/cgroup/cpu x' });
    expect(m.v1.has('name=systemd')).toBe(false);
    expect(m.v1.has('rw')).toBe(false);
    expect(m.v2).toEqual({ root: '/', mountPoint: '/sys/fs/cgroup/unified' });
    expect(parseMountinfo(MOUNTINFO_V2)).toEqual({ v1: new Map(), v2: { root: '/', mountPoint: '/sys/fs/cgroup' } });
  });

  it('/proc/<pid>/cgroup: co-mounted controllers split, the 0:: line is v2', () => {
    const c = parseProcCgroup(`3:cpu,cpuacct:/a\n0::/b\n`);
    expect(c.v1.get('cpu')).toBe('/a');
    expect(c.v1.get('cpuacct')).toBe('/a');
    expect(c.v2).toBe('/b');
  });

  it('the container segment: /docker/<id>, docker-<id>.scope, libpod-<id>.scope with a child; none → null', () => {
    expect(containerCgroupPath(`/docker/${ID}`, ID)).toBe(`/docker/${ID}`);
    expect(containerCgroupPath(`/system.slice/docker-${ID}.scope`, ID)).toBe(`/system.slice/docker-${ID}.scope`);
    expect(containerCgroupPath(`/machine.slice/libpod-${ID}.scope/container`, ID)).toBe(`/machine.slice/libpod-${ID}.scope`);
    expect(containerCgroupPath('/user.slice/user-1000.slice/session-2.scope', ID)).toBeNull();
    // A shorter id (another container's prefix) is not the container.
    expect(containerCgroupPath(`/docker/${ID.slice(0, 12)}`, ID)).toBeNull();
  });

  it('v1 host: one directory per controller', () => {
    expect(containerCgroup(parseProcCgroup(CGROUP_V1), parseMountinfo(MOUNTINFO_V1), ID)).toEqual({
      kind: 'v1',
      cpuacct: `/sys/fs/cgroup/cpuacct/docker/${ID}`,
      memory: `/sys/fs/cgroup/memory/docker/${ID}`,
      pids: `/sys/fs/cgroup/pids/docker/${ID}`,
      blkio: `/sys/fs/cgroup/blkio/docker/${ID}`,
    });
  });

  it('v2 host: the scope directory', () => {
    expect(containerCgroup(parseProcCgroup(CGROUP_V2), parseMountinfo(MOUNTINFO_V2), ID)).toEqual({
      kind: 'v2',
      dir: `/sys/fs/cgroup/system.slice/docker-${ID}.scope`,
    });
  });

  it('refuses what is not provably the container: another process, a controller not mounted here, a path outside the mount root', () => {
    const mounts = parseMountinfo(MOUNTINFO_V1);
    expect(containerCgroup(parseProcCgroup('4:memory:/\n2:cpuacct:/\n0::/\n'), mounts, ID)).toBeNull();
    expect(containerCgroup(parseProcCgroup(CGROUP_V1), parseMountinfo(MOUNTINFO_V2.replace('cgroup2 cgroup2', 'tmpfs tmpfs')), ID)).toBeNull();
    const nested = parseMountinfo(`29 23 0:26 /kubepods /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n`);
    expect(containerCgroup(parseProcCgroup(CGROUP_V2), nested, ID)).toBeNull();
    expect(containerCgroup(parseProcCgroup(`0::/kubepods/docker-${ID}.scope\n`), nested, ID)).toEqual({ kind: 'v2', dir: `/sys/fs/cgroup/docker-${ID}.scope` });
  });
});

describe('cgroup files', () => {
  it('key/value files and single numbers (v2 max → null)', () => {
    expect(statValue('usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n', 'usage_usec')).toBe(1500);
    expect(parseNumber('23823454\n')).toBe(23823454);
    expect(parseNumber('max\n')).toBeNull();
  });

  it('memory in use leaves out inactive file pages (v1 total_inactive_file, v2 inactive_file)', () => {
    const v1 = 'cache 1982464\ninactive_file 100\ntotal_inactive_file 1982464\n';
    expect(memoryInUse(2383872, v1, false)).toBe(401408);
    expect(memoryInUse(5000, 'anon 3000\ninactive_file 1000\n', true)).toBe(4000);
    expect(memoryInUse(500, 'inactive_file 1000\n', true)).toBe(500);
    expect(memoryInUse(500, 'active_file 100\n', true)).toBe(500);
  });

  it('one line of a flat-keyed file: the key whole, first line or not, no partial match', () => {
    const text = 'usage_usec 1500\nuser_usec 1000\nsystem_usec 500\ninactive_file 7\ntotal_inactive_file 9';
    expect(statValue(text, 'usage_usec')).toBe(1500);
    expect(statValue(text, 'system_usec')).toBe(500);
    expect(statValue(text, 'inactive_file')).toBe(7);
    expect(statValue(text, 'total_inactive_file')).toBe(9);
    expect(statValue(text, 'usec')).toBeUndefined();
    expect(statValue(text, 'nope')).toBeUndefined();
    expect(statValue('x max\n', 'x')).toBeUndefined();
  });

  it('memory limit: none or above the host RAM → the RAM', () => {
    const total = parseMemTotal('MemTotal:       24684084 kB\nMemFree:  1 kB\n');
    expect(total).toBe(25276502016);
    expect(memoryLimit(9223372036854771712, total)).toBe(total);
    expect(memoryLimit(null, total)).toBe(total);
    expect(memoryLimit(64 * 1024 * 1024, total)).toBe(64 * 1024 * 1024);
  });

  it('net/dev: every interface but lo', () => {
    const text = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:     999       9    0    0    0     0          0         0      999       9    0    0    0     0       0          0
  eth0:     486       5    0    0    0     0          0         0       42       1    0    0    0     0       0          0
  eth1:1000 1 0 0 0 0 0 0 8 1 0 0 0 0 0 0
`;
    expect(parseNetDev(text)).toEqual({ rxBytes: 1486, txBytes: 50 });
  });

  it('block I/O: v1 per-device Read/Write (Total skipped), v2 rbytes/wbytes', () => {
    expect(parseBlkioV1('Total 0\n')).toEqual({ read: 0, write: 0, devices: 0 });
    expect(parseBlkioV1('8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 12288\n8:0 Total 12288\n8:16 Read 1\nTotal 12289\n')).toEqual({ read: 4097, write: 8192, devices: 5 });
    expect(parseIoStatV2('8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n259:0 rbytes=1 wbytes=2\n')).toEqual({ read: 4097, write: 8194 });
  });

  it('CPU %: CPU time over wall time; null without a baseline, at the same instant or after a reset', () => {
    expect(localCpuPercent({ cpuNs: 3e9, wallNs: 2e9 }, { cpuNs: 1e9, wallNs: 0 })).toBe(100);
    expect(localCpuPercent({ cpuNs: 1.5e9, wallNs: 2e9 }, { cpuNs: 1e9, wallNs: 0 })).toBe(25);
    expect(localCpuPercent({ cpuNs: 1e9, wallNs: 2e9 }, null)).toBeNull();
    expect(localCpuPercent({ cpuNs: 1e9, wallNs: 2e9 }, { cpuNs: 1e9, wallNs: 2e9 })).toBeNull();
    expect(localCpuPercent({ cpuNs: 1e6, wallNs: 2e9 }, { cpuNs: 1e9, wallNs: 0 })).toBeNull();
  });
});

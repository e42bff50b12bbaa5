import { describe, expect, it } from 'vitest';
import { productOf, toEngineInfo, type RawInfo, type RawVersion } from './info';

describe('productOf', () => {
  it('Podman announced through a component name', () => {
    const version: RawVersion = { Components: [{ Name: 'Conmon' }, { Name: 'Podman Engine', Version: '5.2.0' }] };
    expect(productOf({ OperatingSystem: 'fedora' }, version)).toBe('Podman');
  });

  it('Podman announced through the platform name', () => {
    expect(productOf({}, { Platform: { Name: 'linux/amd64/fedora-40 podman' } })).toBe('Podman');
  });

  it('Podman wins even when the OS string says Docker Desktop', () => {
    expect(productOf({ OperatingSystem: 'Docker Desktop' }, { Components: [{ Name: 'Podman Engine' }] })).toBe('Podman');
  });

  it('Docker Desktop announced through the operating system', () => {
    const version: RawVersion = { Components: [{ Name: 'Engine', Version: '27.1.1' }], Platform: { Name: 'Docker Engine - Community' } };
    expect(productOf({ OperatingSystem: 'Docker Desktop' }, version)).toBe('Docker Desktop');
  });

  it('Docker Desktop announced through the platform name', () => {
    expect(productOf({ OperatingSystem: 'Ubuntu 24.04' }, { Platform: { Name: 'Docker Desktop 4.33.0 (160616)' } })).toBe('Docker Desktop');
  });

  it('OrbStack and Colima', () => {
    expect(productOf({ OperatingSystem: 'OrbStack' }, {})).toBe('OrbStack');
    expect(productOf({ Name: 'colima', OperatingSystem: 'Ubuntu 24.04 LTS' }, {})).toBe('Colima');
  });

  it('a plain engine is Docker Engine', () => {
    const info: RawInfo = { Name: 'build-01', OperatingSystem: 'Ubuntu 24.04 LTS' };
    const version: RawVersion = { Components: [{ Name: 'Engine' }, { Name: 'containerd' }, { Name: 'runc' }], Platform: { Name: 'Docker Engine - Community' } };
    expect(productOf(info, version)).toBe('Docker Engine');
  });

  it('nothing known at all is Docker Engine', () => {
    expect(productOf({}, { Components: [{}] })).toBe('Docker Engine');
  });
});

describe('toEngineInfo', () => {
  it('maps every field of /info and /version', () => {
    const info: RawInfo = {
      Name: 'host1',
      OperatingSystem: 'Ubuntu 24.04 LTS',
      OSType: 'linux',
      Architecture: 'x86_64',
      KernelVersion: '6.8.0-40-generic',
      NCPU: 8,
      MemTotal: 16_000_000_000,
      Driver: 'overlay2',
      CgroupVersion: '2',
      Containers: 7,
      ContainersRunning: 3,
      ContainersPaused: 1,
      ContainersStopped: 3,
      Images: 12,
    };
    const version: RawVersion = { Version: '27.1.1', ApiVersion: '1.46', Os: 'linux', Arch: 'amd64' };
    expect(toEngineInfo(info, version)).toEqual({
      product: 'Docker Engine',
      version: '27.1.1',
      apiVersion: '1.46',
      os: 'Ubuntu 24.04 LTS',
      osType: 'linux',
      arch: 'x86_64',
      kernelVersion: '6.8.0-40-generic',
      cpus: 8,
      memoryBytes: 16_000_000_000,
      storageDriver: 'overlay2',
      cgroupVersion: '2',
      name: 'host1',
      containers: { total: 7, running: 3, paused: 1, stopped: 3 },
      images: 12,
    });
  });

  it('falls back to /version for os, osType and arch', () => {
    const e = toEngineInfo({}, { Os: 'linux', Arch: 'arm64' });
    expect(e.os).toBe('linux');
    expect(e.osType).toBe('linux');
    expect(e.arch).toBe('arm64');
  });

  it('missing fields become "unknown", 0 or an empty name', () => {
    expect(toEngineInfo({}, {})).toEqual({
      product: 'Docker Engine',
      version: 'unknown',
      apiVersion: 'unknown',
      os: 'unknown',
      osType: 'unknown',
      arch: 'unknown',
      kernelVersion: 'unknown',
      cpus: 0,
      memoryBytes: 0,
      storageDriver: 'unknown',
      cgroupVersion: 'unknown',
      name: '',
      containers: { total: 0, running: 0, paused: 0, stopped: 0 },
      images: 0,
    });
  });

  it('carries the product', () => {
    expect(toEngineInfo({}, { Components: [{ Name: 'Podman Engine' }] }).product).toBe('Podman');
  });
});

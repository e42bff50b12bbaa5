import type { EngineInfo } from '../../preload/contract/engine';

/** The fields of GET /info and GET /version that Berth reads. */
export interface RawInfo {
  ID?: string;
  Name?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  KernelVersion?: string;
  NCPU?: number;
  MemTotal?: number;
  Driver?: string;
  CgroupVersion?: string;
  Containers?: number;
  ContainersRunning?: number;
  ContainersPaused?: number;
  ContainersStopped?: number;
  Images?: number;
}
export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  Os?: string;
  Arch?: string;
  Components?: { Name?: string; Version?: string }[];
  Platform?: { Name?: string };
}

/** Names the product behind a Docker-compatible API: Podman and Docker Desktop announce themselves differently. */
export function productOf(info: RawInfo, version: RawVersion): string {
  const components = (version.Components ?? []).map((c) => c.Name ?? '');
  if (components.some((n) => /podman/i.test(n)) || /podman/i.test(version.Platform?.Name ?? '')) return 'Podman';
  if (/docker desktop/i.test(info.OperatingSystem ?? '') || /docker desktop/i.test(version.Platform?.Name ?? '')) return 'Docker Desktop';
  if (/orbstack/i.test(info.OperatingSystem ?? '')) return 'OrbStack';
  if (/colima/i.test(info.Name ?? '')) return 'Colima';
  return 'Docker Engine';
}

export function toEngineInfo(info: RawInfo, version: RawVersion): EngineInfo {
  return {
    product: productOf(info, version),
    version: version.Version ?? 'unknown',
    apiVersion: version.ApiVersion ?? 'unknown',
    os: info.OperatingSystem ?? version.Os ?? 'unknown',
    osType: info.OSType ?? version.Os ?? 'unknown',
    arch: info.Architecture ?? version.Arch ?? 'unknown',
    kernelVersion: info.KernelVersion ?? 'unknown',
    cpus: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    storageDriver: info.Driver ?? 'unknown',
    cgroupVersion: info.CgroupVersion ?? 'unknown',
    name: info.Name ?? '',
    ...(info.ID ? { daemonId: info.ID } : {}),
    containers: {
      total: info.Containers ?? 0,
      running: info.ContainersRunning ?? 0,
      paused: info.ContainersPaused ?? 0,
      stopped: info.ContainersStopped ?? 0,
    },
    images: info.Images ?? 0,
  };
}

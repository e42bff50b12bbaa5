import type { ContainerSummary } from '../../../../preload/contract';

/** A plausible container for unit tests; override what the test is about. */
export function aContainer(overrides: Partial<ContainerSummary> = {}): ContainerSummary {
  const id = overrides.id ?? 'c0ffee000000';
  return {
    engineId: 'local',
    id,
    name: overrides.name ?? `container-${id}`,
    image: 'busybox:latest',
    imageId: 'sha256:1234',
    command: 'sh',
    created: Date.UTC(2025, 0, 1),
    state: 'running',
    status: 'Up 3 minutes',
    statusSince: null,
    health: null,
    ports: [],
    labels: {},
    compose: null,
    networks: ['bridge'],
    ...overrides,
  };
}

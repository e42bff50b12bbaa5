import type { EngineStatus } from '../../../preload/contract';
import { formatBytes } from '../format/bytes';
import { engineLabel } from '../engine/engine-view';

/** What the connected engine is: product, versions, platform, resources, endpoint. */
export function EngineFacts({ status }: { status: EngineStatus | undefined }) {
  if (!status) return <p>Berth has not heard from the engine yet.</p>;
  const info = status.info;
  const endpoint = status.endpoint;
  return (
    <dl className="facts" data-testid="engine-facts">
      <dt>State</dt>
      <dd>{status.state === 'connected' ? 'Connected' : engineLabel(status)}</dd>
      {info && (
        <>
          <dt>Product</dt>
          <dd>{info.product}</dd>
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>API version</dt>
          <dd>{info.apiVersion}</dd>
          <dt>OS / arch</dt>
          <dd>
            {info.os} ({info.osType}/{info.arch})
          </dd>
          <dt>Kernel</dt>
          <dd>{info.kernelVersion}</dd>
          <dt>CPUs</dt>
          <dd>{info.cpus}</dd>
          <dt>Memory</dt>
          <dd>{formatBytes(info.memoryBytes)}</dd>
          <dt>Storage driver</dt>
          <dd>{info.storageDriver}</dd>
          <dt>Cgroup version</dt>
          <dd>{info.cgroupVersion}</dd>
          <dt>Host name</dt>
          <dd>{info.name}</dd>
          <dt>Containers</dt>
          <dd>
            {info.containers.total} ({info.containers.running} running, {info.containers.paused} paused,{' '}
            {info.containers.stopped} stopped) · {info.images} images
          </dd>
        </>
      )}
      {endpoint && (
        <>
          <dt>Endpoint</dt>
          <dd>
            <code>{endpoint.endpoint}</code>
            <br />
            <span style={{ color: 'var(--text-muted)' }}>from {endpoint.sourceDetail}</span>
          </dd>
        </>
      )}
    </dl>
  );
}

import type { EngineStatus } from '../../../preload/contract';
import { engineName, useEngineStatus } from '../data/engines';
import { engineLabel, statusDotColor } from '../engine/engine-view';
import './sidebar.css';

/** "Build box — Docker Engine 26.1.5 — tcp://10.0.0.5:2376 (TLS)": what a tooltip says about an engine. */
export function engineTooltip(status: EngineStatus | undefined, engineId: string): string {
  const endpoint = status?.endpoint?.endpoint;
  return [engineName(status, engineId), engineLabel(status), endpoint].filter(Boolean).join(' — ');
}

/** An engine's health as a dot, with its name, state and endpoint in the tooltip. */
export function EngineDot({ engineId }: { engineId: string }) {
  const status = useEngineStatus(engineId);
  return (
    <span className={`status-dot ${statusDotColor(status)}`} title={engineTooltip(status, engineId)} aria-hidden />
  );
}

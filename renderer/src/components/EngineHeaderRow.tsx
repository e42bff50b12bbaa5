import type { EngineHeader } from '../data/engine-sections';
import { EngineDot } from '../shell/EngineDot';
import './page.css';

/** An engine's header in a virtual list showing several engines: its health dot, its name and how many rows follow. */
export function EngineHeaderRow({ header, top, height }: { header: EngineHeader; top: number; height: number }) {
  return (
    <div
      role="row"
      className="grid-row engine-header-row"
      style={{ transform: `translateY(${top}px)`, height }}
      data-testid="engine-group"
      data-engine={header.engineId}
    >
      <div role="cell" className="engine-header-cell">
        <EngineDot engineId={header.engineId} />
        <span className="engine-header-title">{header.title}</span>
        <span className="engine-header-count">{header.count}</span>
      </div>
    </div>
  );
}

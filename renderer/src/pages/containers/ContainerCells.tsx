import { SpriteIcon } from '../../components/SpriteIcon';
import type { ContainerSummary } from '../../../../preload/contract';
import { titleOnHover } from '../../format/relative-time';
import { healthTone, stateTone } from './container-states';
import { describePorts } from './ports';

export function StateBadge({ state }: { state: ContainerSummary['state'] }) {
  return <span className={`badge tone-${stateTone(state)}`}>{state}</span>;
}

export function HealthBadge({ health }: { health: ContainerSummary['health'] }) {
  if (!health) return <span className="muted">—</span>;
  return (
    <span className={`badge tone-${healthTone(health)}`} data-testid="health-badge">
      {health}
    </span>
  );
}

const VISIBLE_PORTS = 2;

/** Published TCP ports are links that open in the browser; the rest are plain text. */
export function PortLinks({ ports }: { ports: ContainerSummary['ports'] }) {
  const views = describePorts(ports);
  if (views.length === 0) return <span className="muted">—</span>;
  const shown = views.slice(0, VISIBLE_PORTS);
  const hidden = views.slice(VISIBLE_PORTS);
  return (
    <span className="ports">
      {shown.map((p) =>
        p.href ? (
          <a key={p.key} href={p.href} target="_blank" rel="noreferrer" title={`${p.label}\nOpen ${p.href}`} className="port-link">
            {p.short}
            <SpriteIcon name="external-link" size={11} />
          </a>
        ) : (
          <span key={p.key} className="port-text" title={p.label}>
            {p.short}
          </span>
        ),
      )}
      {hidden.length > 0 && (
        <span className="muted" title={hidden.map((p) => p.label).join('\n')}>
          +{hidden.length}
        </span>
      )}
    </span>
  );
}

export function CreatedCell({ created, text }: { created: number; text: string }) {
  return <span {...titleOnHover(created)}>{text}</span>;
}

export function ComposeCell({ compose }: { compose: ContainerSummary['compose'] }) {
  if (!compose) return <span className="muted">—</span>;
  return (
    // The group header already names the project; the cell names the service (the project stays in the tooltip).
    <span title={`${compose.project} / ${compose.service}${compose.workingDir ? `\n${compose.workingDir}` : ''}`}>
      {compose.service}
      {compose.number !== undefined && compose.number > 1 ? <span className="muted"> #{compose.number}</span> : null}
    </span>
  );
}

/**
 * An image reference whose end (name and tag) stays readable when the cell is narrow: the start gives way
 * ("…fixture/busybox:latest"), the whole reference is in the tooltip.
 */
export function ImageName({ image }: { image: string }) {
  const ref = image.startsWith('sha256:') ? image.slice(7, 19) : image.replace(/^docker\.io\/(library\/)?/, '');
  return (
    <span className="image-name" title={image}>
      <bdi>{ref}</bdi>
    </span>
  );
}

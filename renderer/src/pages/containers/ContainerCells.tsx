import type { ReactNode } from 'react';
import { SpriteIcon } from '../../components/SpriteIcon';
import type { ContainerSummary } from '../../../../preload/contract';
import { healthTone, stateTone } from './container-states';
import { describePorts } from './ports';

// StateBadge, HealthBadge, imageRef, composeService and composeTitle use no hooks: the container row calls them as
// functions (ContainerRowView), so they must stay without state or effects of their own.

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

/**
 * Published TCP ports are links that open in the browser; the rest are plain text. Two are shown, and "+N" for the
 * rest (listed in its tooltip); where the cell is too narrow for two (the containers list under 1,440 px, see
 * containers.css), the second gives way to a "+N" that counts it too, as Docker Desktop shows one port and the count.
 */
export function PortLinks({ ports }: { ports: ContainerSummary['ports'] }) {
  const views = describePorts(ports);
  if (views.length === 0) return <span className="muted">—</span>;
  const shown = views.slice(0, VISIBLE_PORTS);
  const hidden = views.slice(VISIBLE_PORTS);
  const more = (rest: typeof views, className: string) =>
    rest.length > 0 && (
      <span className={`muted ${className}`} title={rest.map((p) => p.label).join('\n')}>
        +{rest.length}
      </span>
    );
  return (
    <span className="ports">
      {shown.map((p, i) => {
        const className = i > 0 ? ' port-second' : '';
        return p.href ? (
          <a key={p.key} href={p.href} target="_blank" rel="noreferrer" title={`${p.label}\nOpen ${p.href}`} className={`port-link${className}`}>
            {p.short}
            <SpriteIcon name="external-link" size={11} />
          </a>
        ) : (
          <span key={p.key} className={`port-text${className}`} title={p.label}>
            {p.short}
          </span>
        );
      })}
      {more(views.slice(1), 'port-more-narrow')}
      {more(hidden, 'port-more')}
    </span>
  );
}

/** A container's compose service, with its number after the first ("web #2"), or "—" outside compose. */
export function composeService(compose: ContainerSummary['compose']): ReactNode {
  if (!compose) return '—';
  // The group header already names the project; the cell names the service (the project stays in the tooltip).
  return (
    <>
      {compose.service}
      {compose.number !== undefined && compose.number > 1 ? <span className="muted"> #{compose.number}</span> : null}
    </>
  );
}

export function composeTitle(compose: ContainerSummary['compose']): string | undefined {
  return compose ? `${compose.project} / ${compose.service}${compose.workingDir ? `\n${compose.workingDir}` : ''}` : undefined;
}

/**
 * An image reference as a list shows it: Docker Hub's prefix dropped, an image ID short. The list's cell lets its
 * start give way, so its name and tag stay readable (containers.css).
 */
export function imageRef(image: string): string {
  return image.startsWith('sha256:') ? image.slice(7, 19) : image.replace(/^docker\.io\/(library\/)?/, '');
}

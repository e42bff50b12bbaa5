import { Fragment, memo } from 'react';
import { objectKey } from '../../data/keyed';
import { hashFor } from '../../shell/pages';
import { useNavigation } from '../../stores/navigation-store';
import type { ContainerSummary } from '../../../../preload/contract';
import { StatsCell } from '../../stats/StatsCells';
import { composeService, composeTitle, HealthBadge, imageRef, PortLinks, StateBadge } from './ContainerCells';
import { titleOnHover } from '../../format/relative-time';
import { compactStatus } from './status-text';
import { progressLabel, type ContainerAction } from './container-actions';
import { RowActions } from './RowActions';
import { middleEllipsis } from '../../components/MiddleEllipsis';
import { RowCheckbox } from './bulk/RowCheckbox';
import { useFullAfterFling, type FlingWatch } from '../../hooks/fling';

interface ContainerRowViewProps {
  domId: string;
  container: ContainerSummary;
  rowIndex: number;
  selected: boolean;
  pending: ContainerAction | undefined;
  top: number;
  height: number;
  /** The status with its age as of now ("Up 5 minutes"), and the created age: text, so a tick that changes neither
   * does not render the row again. */
  statusText: string;
  createdText: string;
  /** The engine's name, on a page listing several engines (every row says its engine). */
  engineName?: string;
  /** The list's fling watch: a row that comes into view during a fling is drawn lite until the fling ends. */
  fling: FlingWatch;
  onSelect(key: string): void;
  onRemove(container: ContainerSummary): void;
}

/**
 * One container in the virtual list. Memoized: while scrolling only rows entering the window render, and a delta
 * re-renders only the containers it replaced (the store keeps unchanged summaries by reference). Recycled (the table
 * keys rows by slot, row-slots.ts): a row can show another container from one render to the next, so what keeps
 * state or writes its own DOM (the stats cells, the ports, the action buttons and their menu) is keyed by container.
 */
export const ContainerRowView = memo(function ContainerRowView(props: ContainerRowViewProps) {
  const { domId, container: c, rowIndex, selected, pending, top, height, statusText: status, createdText, engineName, fling, onSelect, onRemove } = props;
  const key = objectKey(c.engineId, c.id);
  // Lite, while the list is flung past it: the text cells only. The stats, the port links and the action buttons
  // (their icons and sparklines are most of a row's cost to draw) come when the fling ends; stats are not read for
  // rows that only fly by anyway.
  const full = useFullAfterFling(fling, key);
  const name = middleEllipsis(c.name);
  // The cells without state of their own (badges, image, age, service) are called, not mounted: their markup without
  // a component of their own in React's tree, a fifth fewer fibers a row to make and collect for every row a scroll
  // or a filter key brings in. A cell holds its text itself where it can (its title, its colour), without an element
  // of its own: a row is 17 elements, not 22, to make, style and lay out.
  return (
    <div
      id={domId}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      aria-busy={pending !== undefined}
      className={`grid-row container-row${pending ? ' pending' : ''}`}
      style={{ top, height }}
      data-testid="container-row"
      data-container-name={c.name}
      data-container-id={c.id}
      data-engine={c.engineId}
      data-state={c.state}
      data-pending={pending}
      data-lite={full ? undefined : ''}
      onClick={() => onSelect(key)}
      onDoubleClick={() => useNavigation.getState().open(c.id, null, 'containers', c.engineId)}
    >
      <div role="gridcell" className="cell cell-name" title={`${c.name}\n${c.id.slice(0, 12)}${engineName ? `\non ${engineName}` : ''}`}>
        <RowCheckbox id={key} name={c.name} />
        {/* Named by its label: split for its middle ellipsis, the text would read as two words to a screen reader. */}
        <a
          className={`container-name${name.className}`}
          aria-label={c.name}
          href={hrefOf(c)}
          onClick={(e) => e.stopPropagation()}
        >
          {name.content}
        </a>
        {engineName && (
          <span className="engine-tag" data-testid="row-engine">
            {engineName}
          </span>
        )}
      </div>
      {/* The reference's start gives way, its name and tag stay (containers.css); the whole of it in the tooltip. */}
      <div role="gridcell" className="cell cell-image" title={c.image}>
        <bdi>{imageRef(c.image)}</bdi>
      </div>
      <div role="gridcell" className="cell cell-state">
        {StateBadge({ state: c.state })}
      </div>
      <div role="gridcell" className="cell cell-status muted" title={status}>
        {pending ? (
          <span className="status-progress" role="status">
            {progressLabel(pending)}…
          </span>
        ) : (
          compactStatus(status)
        )}
      </div>
      <div role="gridcell" className={c.health ? 'cell cell-health' : 'cell cell-health muted'}>
        {c.health ? HealthBadge({ health: c.health }) : '—'}
      </div>
      <div role="gridcell" className="cell cell-usage">
        {full && (
          <Fragment key={key}>
            <StatsCell statsKey={key} kind="cpu" running={c.state === 'running'} />
            <StatsCell statsKey={key} kind="memory" running={c.state === 'running'} />
          </Fragment>
        )}
      </div>
      <div role="gridcell" className="cell cell-ports">
        {full && <PortLinks key={key} ports={c.ports} />}
      </div>
      <div role="gridcell" className="cell cell-created muted" {...titleOnHover(c.created)}>
        {createdText}
      </div>
      <div role="gridcell" className={c.compose ? 'cell cell-compose' : 'cell cell-compose muted'} title={composeTitle(c.compose)}>
        {composeService(c.compose)}
      </div>
      <div role="gridcell" className="cell cell-actions">
        {full && <RowActions key={key} container={c} pending={pending} onRemove={onRemove} />}
      </div>
    </div>
  );
});

/** A container's link, made once a summary (the store keeps a summary that did not change): a recycled row renders
 * it for each container a scroll brings in. */
function hrefOf(c: ContainerSummary): string {
  let href = hrefs.get(c);
  if (href === undefined) hrefs.set(c, (href = hashFor({ engineId: c.engineId, page: 'containers', item: c.id })));
  return href;
}
const hrefs = new WeakMap<ContainerSummary, string>();

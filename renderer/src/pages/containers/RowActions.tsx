import type { ContainerSummary } from '../../../../preload/contract';
import { availableActions } from './container-states';
import { progressLabel, runContainerAction, type ContainerAction } from './container-actions';
import { RowMenu } from './RowMenu';
import { withKey } from '../../keymap/keymap';
import { SpriteIcon } from '../../components/SpriteIcon';

interface RowActionsProps {
  container: ContainerSummary;
  pending: ContainerAction | undefined;
  onRemove(container: ContainerSummary): void;
}

/** Start-or-stop, restart and remove, each labelled "<Action> <name>" for screen readers and tests. */
export function RowActions({ container, pending, onRemove }: RowActionsProps) {
  const can = availableActions(container.state);
  const busy = pending !== undefined;
  const { name } = container;
  return (
    <div className="row-actions" onClick={(e) => e.stopPropagation()}>
      {busy && (
        <span className="row-progress" title={`${progressLabel(pending)}…`}>
          <SpriteIcon name="loader-circle" size={15} className="spin" />
        </span>
      )}
      {!busy && can.stop ? (
        <button
          type="button"
          className="icon-btn"
          title={withKey('Stop', 'container.startStop')}
          aria-label={`Stop ${name}`}
          onClick={() => void runContainerAction(container, 'stop')}
        >
          <SpriteIcon name="square" size={14} />
        </button>
      ) : (
        !busy && (
          <button
            type="button"
            className="icon-btn"
            title={withKey('Start', 'container.startStop')}
            aria-label={`Start ${name}`}
            disabled={!can.start}
            onClick={() => void runContainerAction(container, 'start')}
          >
            <SpriteIcon name="play" size={14} />
          </button>
        )
      )}
      <button
        type="button"
        className="icon-btn"
        title={withKey('Restart', 'container.restart')}
        aria-label={`Restart ${name}`}
        disabled={busy || !can.restart}
        onClick={() => void runContainerAction(container, 'restart')}
      >
        <SpriteIcon name="rotate-cw" size={14} />
      </button>
      <RowMenu container={container} disabled={busy} />
      <button
        type="button"
        className="icon-btn danger"
        title={withKey('Remove…', 'container.remove')}
        aria-label={`Remove ${name}`}
        disabled={busy}
        onClick={() => onRemove(container)}
      >
        <SpriteIcon name="trash-2" size={14} />
      </button>
    </div>
  );
}

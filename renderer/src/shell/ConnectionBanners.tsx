import { CircleAlert, Copy, RefreshCw, Unplug } from 'lucide-react';
import type { EngineStatus } from '../../../preload/contract';
import { engineName, statusOf, twinOf, useEngines } from '../data/engines';
import { usePageEngine, useScopeEngines } from '../data/scope';
import { useEngineView } from '../engine/use-engine-view';
import { useBackendStore } from '../stores/backend-store';
import './banners.css';

/**
 * Shown above every page while Berth's backend (web mode) or an engine the page shows is lost, until it is back.
 * With several engines each one down gets its own banner and the others' data stays in view.
 */
export function ConnectionBanners() {
  const backend = useBackendStore((s) => s.state);
  const everOpened = useBackendStore((s) => s.everOpened);
  const engineView = useEngineView();
  const pageEngine = usePageEngine();
  const engines = useScopeEngines(pageEngine);
  const backendLost = backend === 'closed' || (backend === 'connecting' && everOpened);
  const several = engines.length > 1;
  return (
    <>
      {backend === 'refused' && (
        <div className="banner banner-danger" role="alert" data-testid="backend-banner">
          <Unplug size={15} aria-hidden />
          Berth refused this page: its access token is missing or stale. Open the URL that `berth serve` printed.
        </div>
      )}
      {backendLost && (
        <div className="banner banner-danger" role="alert" data-testid="backend-banner">
          <Unplug size={15} aria-hidden />
          {everOpened
            ? 'Lost the connection to Berth — reconnecting… What you see may be out of date.'
            : 'Cannot reach Berth. Is `berth serve` running? If this page came from an old link, open the URL it printed.'}
        </div>
      )}
      {!backendLost && !several && engineView.kind === 'reconnecting' && (
        <div className="banner banner-warning" role="status" data-testid="engine-banner" data-engine={engineView.status.engineId}>
          <RefreshCw size={15} className="spin" aria-hidden />
          Lost the engine — reconnecting… The list below is what it held last.
          {engineView.status.hint && <span className="banner-hint">{engineView.status.hint}</span>}
        </div>
      )}
      {!backendLost && several && engineView.kind !== 'no-engine' && engines.map((s) => <EngineBanner key={s.engineId} status={s} />)}
      {!backendLost && pageEngine && <TwinBanner engineId={pageEngine} />}
    </>
  );
}

/** One engine of several that does not answer: what it is, what happens, and the others stay in view. */
function EngineBanner({ status }: { status: EngineStatus }) {
  if (status.state === 'connected' || status.state === 'connecting') return null;
  const name = engineName(status);
  if (status.hostKey) {
    // Not down: waiting for the user to check a host key it has not seen (or one that changed).
    return (
      <div className="banner banner-warning" role="status" data-testid="engine-banner" data-engine={status.engineId}>
        <CircleAlert size={15} aria-hidden />
        {status.hostKey.state === 'changed'
          ? `${name}: its ssh host key changed since it was trusted, so Berth does not connect.`
          : `${name} waits for you to check its ssh host key.`}{' '}
        <a href="#/settings">Settings → Engines</a>
      </div>
    );
  }
  if (status.sshKeyLocked) {
    // Not down either: its ssh key waits for a passphrase.
    return (
      <div className="banner banner-warning" role="status" data-testid="engine-banner" data-engine={status.engineId}>
        <CircleAlert size={15} aria-hidden />
        {`${name} waits for the passphrase of its ssh key.`} <a href="#/settings">Settings → Engines</a>
      </div>
    );
  }
  const reconnecting = status.state === 'reconnecting';
  return (
    <div className={`banner ${reconnecting ? 'banner-warning' : 'banner-danger'}`} role="status" data-testid="engine-banner" data-engine={status.engineId}>
      {reconnecting ? <RefreshCw size={15} className="spin" aria-hidden /> : <CircleAlert size={15} aria-hidden />}
      {reconnecting ? `Lost ${name} — reconnecting… Its rows are what it held last.` : `${name} does not answer.`}
      {status.hint && <span className="banner-hint">{status.hint}</span>}
    </div>
  );
}

/** A page showing an engine that is a second route to another engine's daemon: says so, and where "All" lists it. */
function TwinBanner({ engineId }: { engineId: string }) {
  const status = useEngines((s) => statusOf(s.statuses, engineId));
  const twin = twinOf(status);
  const other = useEngines((s) => (twin ? statusOf(s.statuses, twin) : undefined));
  if (!twin) return null;
  const name = engineName(status, engineId);
  const otherName = engineName(other, twin);
  return (
    <div className="banner banner-info" role="status" data-testid="engine-twin-banner" data-engine={engineId} data-same-as={twin}>
      <Copy size={15} aria-hidden />
      {`${name} is the same engine as ${otherName}: another way to reach its daemon.`}
      <span className="banner-hint">{`What you do here happens on ${otherName} too; All engines shows it once, under ${otherName}.`}</span>
    </div>
  );
}

/** True while what the page shows may be stale (for dimming lists). */
export function useConnectionStale(): boolean {
  const backend = useBackendStore((s) => s.state);
  const engineView = useEngineView();
  return backend !== 'open' || engineView.kind === 'reconnecting';
}

import { RefreshCw, Unplug } from 'lucide-react';
import { useEngineView } from '../engine/use-engine-view';
import { useBackendStore } from '../stores/backend-store';
import './banners.css';

/** Shown above every page while Berth's backend (web mode) or the engine is lost, until it is back. */
export function ConnectionBanners() {
  const backend = useBackendStore((s) => s.state);
  const everOpened = useBackendStore((s) => s.everOpened);
  const engineView = useEngineView();
  const backendLost = backend === 'closed' || (backend === 'connecting' && everOpened);
  return (
    <>
      {backendLost && (
        <div className="banner banner-danger" role="alert" data-testid="backend-banner">
          <Unplug size={15} aria-hidden />
          {everOpened
            ? 'Lost the connection to Berth — reconnecting… What you see may be out of date.'
            : 'Cannot reach Berth. Is `berth serve` running? If this page came from an old link, open the URL it printed.'}
        </div>
      )}
      {!backendLost && engineView.kind === 'reconnecting' && (
        <div className="banner banner-warning" role="status" data-testid="engine-banner">
          <RefreshCw size={15} className="spin" aria-hidden />
          Lost the engine — reconnecting… The list below is what it held last.
          {engineView.status.hint && <span className="banner-hint">{engineView.status.hint}</span>}
        </div>
      )}
    </>
  );
}

/** True while what the page shows may be stale (for dimming lists). */
export function useConnectionStale(): boolean {
  const backend = useBackendStore((s) => s.state);
  const engineView = useEngineView();
  return backend !== 'open' || engineView.kind === 'reconnecting';
}

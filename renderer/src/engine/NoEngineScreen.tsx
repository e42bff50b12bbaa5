import { CircleAlert, KeyRound, LoaderCircle, RotateCw, ServerOff } from 'lucide-react';
import { useState } from 'react';
import type { EndpointSource, EngineStatus } from '../../../preload/contract';
import { berth } from '../api';
import { errorMessage } from '../format/error-message';
import { secondsUntil } from '../format/relative-time';
import { useNow } from '../hooks/use-now';
import { useBackendStore } from '../stores/backend-store';
import { toast } from '../stores/toast-store';
import './no-engine.css';

const SOURCE_LABEL: Record<EndpointSource, string> = {
  DOCKER_HOST: 'DOCKER_HOST',
  context: 'docker context',
  'default-socket': 'default socket',
  added: 'added in Settings',
};

/**
 * Instead of an endless spinner: what Berth tried, why each endpoint failed, what to do, and when it tries again.
 */
export function NoEngineScreen({ status }: { status: EngineStatus | null }) {
  const now = useNow(500);
  const [retrying, setRetrying] = useState(false);
  const connecting = status?.state === 'connecting' || status === null;
  const retryIn = status?.nextAttemptAt !== undefined ? secondsUntil(status.nextAttemptAt, now) : null;
  // Web mode refused this page's token: no engine is known because Berth itself is out of reach, not the engine.
  const refused = useBackendStore((s) => s.state === 'refused');

  const retry = async () => {
    setRetrying(true);
    try {
      await berth.engine.retry({});
    } catch (error) {
      toast.error('Could not retry', errorMessage(error));
    } finally {
      setRetrying(false);
    }
  };

  if (refused) {
    return (
      <div className="no-engine" data-testid="no-engine" data-state="refused">
        <div className="no-engine-card">
          <KeyRound size={36} strokeWidth={1.5} className="no-engine-icon" aria-hidden />
          <h2>This page was not let in</h2>
          <p className="no-engine-lead">
            Berth's web mode lets in only pages opened with the access token that <code>berth serve</code> printed. This
            page's token is missing or stale: the link is old, or Berth was started again since. Open the URL it printed
            last, with its <code>?token=</code>.
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="no-engine" data-testid="no-engine" data-state={status?.state ?? 'unknown'}>
      <div className="no-engine-card">
        <ServerOff size={36} strokeWidth={1.5} className="no-engine-icon" aria-hidden />
        <h2>{connecting ? 'Still looking for a container engine…' : 'No container engine is answering'}</h2>
        <p className="no-engine-lead">
          Berth needs a Docker-compatible engine (Docker Engine, Docker Desktop, or Podman's Docker socket).
        </p>

        {status && status.tried.length > 0 && (
          <section aria-labelledby="tried-heading">
            <h3 id="tried-heading" className="caption">What Berth tried</h3>
            <ul className="tried-list">
              {status.tried.map((attempt) => (
                <li key={`${attempt.source}:${attempt.endpoint}`}>
                  <div className="tried-endpoint">
                    <code>{attempt.endpoint}</code>
                    <span className="tried-source">
                      {SOURCE_LABEL[attempt.source]}
                      {attempt.sourceDetail && attempt.sourceDetail !== SOURCE_LABEL[attempt.source]
                        ? ` · ${attempt.sourceDetail}`
                        : ''}
                    </span>
                  </div>
                  {attempt.error && (
                    <div className="tried-error">
                      <CircleAlert size={13} aria-hidden /> {attempt.error}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}

        {status?.hint && <p className="no-engine-hint">{status.hint}</p>}

        <section aria-labelledby="todo-heading">
          <h3 id="todo-heading" className="caption">What you can do</h3>
          <ul className="todo-list">
            <li>
              Start the engine: open Docker Desktop, or run <code>sudo systemctl start docker</code> (Podman:{' '}
              <code>systemctl --user start podman.socket</code>).
            </li>
            <li>
              Point Berth at another engine with <code>DOCKER_HOST</code> (e.g. <code>unix:///run/user/1000/podman/podman.sock</code>{' '}
              or <code>tcp://host:2376</code>) or <code>docker context use NAME</code>, then restart Berth.
            </li>
            <li>
              If the socket exists but is refused, check its permissions: add yourself to the <code>docker</code> group (
              <code>sudo usermod -aG docker $USER</code>) and log in again.
            </li>
          </ul>
        </section>

        <div className="no-engine-actions">
          <button type="button" className="btn btn-primary" onClick={retry} disabled={retrying}>
            {retrying ? <LoaderCircle size={14} className="spin" /> : <RotateCw size={14} />} Try now
          </button>
          <span className="no-engine-countdown" aria-live="polite">
            {retrying
              ? 'Trying…'
              : retryIn !== null && retryIn > 0
                ? `Next automatic try in ${retryIn} s`
                : connecting
                  ? 'Trying to connect…'
                  : 'Trying again shortly'}
          </span>
        </div>
      </div>
    </div>
  );
}

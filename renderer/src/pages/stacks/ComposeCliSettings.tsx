import { useEffect, useState } from 'react';
import type { ComposeCliInfo } from '../../../../preload/contract';
import { absolutePath } from '../../../../preload/contract/stacks';
import { PathInput } from '../../components/PathInput';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import './stacks.css';

/** Settings › Compose: which compose CLI runs stacks, and a path that overrides discovery. */
export function ComposeCliSettings() {
  const [info, setInfo] = useState<ComposeCliInfo | null>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    berth.stacks.cli({}).then(
      (i) => {
        setInfo(i);
        setPath(i.configuredPath ?? '');
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  const problem = path && !absolutePath.safeParse(path).success ? 'an absolute path, e.g. /usr/local/bin/docker-compose' : null;
  const apply = async (value: string | null) => {
    setError(null);
    try {
      const i = await berth.stacks.setCliPath({ path: value });
      setInfo(i);
      setPath(i.configuredPath ?? '');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="settings-section">
      <h2>Compose</h2>
      <dl className="facts" data-testid="compose-cli">
        <dt>Used for stacks</dt>
        <dd>{info ? (info.command ? `${info.command} (${info.kind === 'v2' ? 'Compose v2' : 'Compose v1'}, ${info.version})` : 'none found') : '…'}</dd>
      </dl>
      {info?.problem && <p className="dialog-error">{info.problem}</p>}
      <div className="settings-row compose-cli-path">
        <label htmlFor="compose-cli-path">Path</label>
        <PathInput id="compose-cli-path" mode="file" filter={['docker-compose*', 'docker']} filterLabel="compose programs" placeholder="found on the PATH" value={path} onChange={(v) => setPath(v.trim())} startIn="/usr/local/bin" pickerTitle="Choose the compose program" />
        <button type="button" className="btn" disabled={!path || !!problem || path === info?.configuredPath} onClick={() => void apply(path)}>
          Use
        </button>
        {info?.configuredPath && (
          <button type="button" className="btn" onClick={() => void apply(null)}>
            Find automatically
          </button>
        )}
      </div>
      {problem && <p className="field-error">{problem}</p>}
      {error && <p className="dialog-error">{error}</p>}
      <p className="settings-note">
        By default Berth runs <code>docker compose</code> (v2) when the Docker CLI has it, else <code>docker-compose</code>. A path to <code>docker</code> means its compose plugin.
      </p>
    </section>
  );
}

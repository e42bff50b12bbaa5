import { ExternalLink, Eye, EyeOff, TriangleAlert } from 'lucide-react';
import { useCallback, useState, type ReactNode } from 'react';
import { MASK, parseEnv } from '../../../../../preload/contract/secrets';
import type { ContainerOverview } from '../../../../../preload/contract';
import { berth } from '../../../api';
import { formatRelativeTime } from '../../../format/relative-time';
import { useNow } from '../../../hooks/use-now';
import { HealthBadge, StateBadge } from '../../containers/ContainerCells';
import { describePorts } from '../../containers/ports';
import type { DetailTabProps } from '../detail-tabs';
import { formatDateTime, formatDuration, groupLabels } from './detail-format';
import { MiniTable } from './MiniTable';
import { TabMessage } from './TabMessage';
import { useQuery } from '../../../hooks/use-query';
import { countOf } from '../../../format/count';
import './detail-views.css';

/** State, health with the last checks, what runs, ports, mounts, networks, environment (secrets masked) and labels. */
export function OverviewTab({ container }: DetailTabProps) {
  const load = useCallback(() => berth.containerDetails.inspect({ engineId: container.engineId, id: container.id }), [container.engineId, container.id]);
  const query = useQuery(load, `${container.id} ${container.state} ${container.status}`, { keep: true });
  const now = useNow(1000);
  if (!query.data) return <TabMessage loading={query.loading} error={query.error} onRetry={query.reload} />;
  const o = query.data.overview;
  return (
    <div className="detail-view overview" data-testid="overview-tab">
      {query.error && <p className="detail-message tone-danger" role="alert">{query.error}</p>}
      <div className="overview-grid">
        <Card title="State">
          <dl className="facts">
            <dt>State</dt>
            <dd className="overview-state">
              <StateBadge state={o.state} />
              {o.health && o.health.status !== 'none' && <HealthBadge health={o.health.status} />}
              {o.oomKilled && (
                <span className="badge tone-danger" title="The kernel killed it for using more memory than its limit">
                  OOM-killed
                </span>
              )}
            </dd>
            {o.state === 'running' && o.startedAt !== null && (
              <>
                <dt>Uptime</dt>
                <dd>{formatDuration(now - o.startedAt)}</dd>
              </>
            )}
            <dt>Created</dt>
            <dd title={formatDateTime(o.created)}>{formatRelativeTime(o.created, now)}</dd>
            <dt>Started</dt>
            <dd>{formatDateTime(o.startedAt)}</dd>
            {o.state !== 'running' && (
              <>
                <dt>Finished</dt>
                <dd>{formatDateTime(o.finishedAt)}</dd>
              </>
            )}
            <dt>Exit code</dt>
            <dd>{o.exitCode === null ? <span className="muted">—</span> : <span className={o.exitCode === 0 ? '' : 'text-danger'}>{o.exitCode}</span>}</dd>
            <dt>Restarts</dt>
            <dd>
              {o.restartCount} <span className="muted">(policy: {o.restartPolicy})</span>
            </dd>
            {o.pid > 0 && (
              <>
                <dt>PID</dt>
                <dd>{o.pid}</dd>
              </>
            )}
            {o.error && (
              <>
                <dt>Error</dt>
                <dd className="text-danger">{o.error}</dd>
              </>
            )}
          </dl>
        </Card>
        <Card title="Runs">
          <dl className="facts">
            <dt>Image</dt>
            <dd className="mono" title={o.imageId}>
              {o.image}
            </dd>
            <dt>Command</dt>
            <dd className="mono">{o.command.length ? o.command.map(quoteArg).join(' ') : <span className="muted">—</span>}</dd>
            <dt>User</dt>
            <dd>{o.user || <span className="muted">image default</span>}</dd>
            <dt>Working dir</dt>
            <dd className="mono">{o.workingDir || <span className="muted">/</span>}</dd>
            <dt>Hostname</dt>
            <dd className="mono">{o.hostname}</dd>
            <dt>ID</dt>
            <dd className="mono muted">{o.id.slice(0, 12)}</dd>
          </dl>
        </Card>
        {o.health && <HealthCard health={o.health} now={now} />}
        <Card title="Ports">
          <Ports ports={o.ports} />
        </Card>
        <Card title="Networks">
          {o.networks.length === 0 ? (
            <p className="muted">{o.networkMode === 'none' ? 'No network (network mode "none").' : `Network mode "${o.networkMode}".`}</p>
          ) : (
            <MiniTable head={['Network', 'IP address', 'Gateway', 'Aliases']}>
              {o.networks.map((n) => (
                <tr key={n.name}>
                  <td>{n.name}</td>
                  <td className="mono">
                    {n.ipAddress ? `${n.ipAddress}/${n.ipPrefixLen}` : <span className="muted">—</span>}
                    {n.ipv6Address && <div className="muted">{n.ipv6Address}</div>}
                  </td>
                  <td className="mono">{n.gateway || <span className="muted">—</span>}</td>
                  <td>{n.aliases.join(', ') || <span className="muted">—</span>}</td>
                </tr>
              ))}
            </MiniTable>
          )}
        </Card>
        <Card title="Mounts" wide>
          {o.mounts.length === 0 ? (
            <p className="muted">No volumes or bind mounts: everything it writes lives in its writable layer.</p>
          ) : (
            <MiniTable head={['Type', 'Source', 'Mounted at', 'Access']}>
              {o.mounts.map((m) => (
                <tr key={m.destination}>
                  <td>{m.type}</td>
                  <td className="mono" title={m.source}>
                    {m.source}
                  </td>
                  <td className="mono">{m.destination}</td>
                  <td>{m.readOnly ? 'read-only' : 'read-write'}</td>
                </tr>
              ))}
            </MiniTable>
          )}
        </Card>
        <EnvironmentCard env={(query.data.raw.Config as { Env?: unknown } | undefined)?.Env} />
        <LabelsCard labels={o.labels} />
      </div>
    </div>
  );
}

function Card({ title, wide, children, action }: { title: string; wide?: boolean; children: ReactNode; action?: ReactNode }) {
  return (
    <section className={`detail-card${wide ? ' wide' : ''}`} aria-label={title}>
      <header>
        <h2 className="caption">{title}</h2>
        {action}
      </header>
      {children}
    </section>
  );
}

function Ports({ ports }: { ports: ContainerOverview['ports'] }) {
  const views = describePorts(ports);
  if (views.length === 0) return <p className="muted">No ports exposed.</p>;
  return (
    <ul className="port-list">
      {views.map((p) => (
        <li key={p.key}>
          {p.href ? (
            <a href={p.href} target="_blank" rel="noreferrer" className="port-link" title={`Open ${p.href}`}>
              {p.label}
              <ExternalLink size={11} aria-hidden />
            </a>
          ) : (
            <span className="mono">{p.label}</span>
          )}
          {!p.href && !p.label.includes('→') && <span className="muted"> exposed, not published</span>}
        </li>
      ))}
    </ul>
  );
}

function HealthCard({ health, now }: { health: NonNullable<ContainerOverview['health']>; now: number }) {
  const runs = [...health.log].reverse();
  return (
    <Card title="Health checks" wide>
      <p className="health-summary">
        {health.test && <span className="mono">{health.test.slice(health.test[0] === 'CMD-SHELL' ? 1 : 0).join(' ')}</span>}
        {health.failingStreak > 0 && (
          <span className="text-danger">
            <TriangleAlert size={13} aria-hidden /> failed {countOf(health.failingStreak, 'time')} in a row
          </span>
        )}
      </p>
      {runs.length === 0 ? (
        <p className="muted">No check has run yet.</p>
      ) : (
        <ol className="health-log">
          {runs.map((r) => (
            <li key={r.start} className={r.exitCode === 0 ? 'ok' : 'failed'}>
              <span className={`badge tone-${r.exitCode === 0 ? 'success' : 'danger'}`}>{r.exitCode === 0 ? 'passed' : `exit ${r.exitCode}`}</span>
              <span className="muted" title={formatDateTime(r.start)}>
                {formatRelativeTime(r.start, now)}
              </span>
              <pre className="health-output">{r.output.trim() || '(no output)'}</pre>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/** The container's environment (`Config.Env`), secret-looking values masked until revealed, as in Inspect. */
function EnvironmentCard({ env }: { env: unknown }) {
  const [revealed, setRevealed] = useState(false);
  const vars = parseEnv(Array.isArray(env) ? env.filter((e): e is string => typeof e === 'string') : []);
  const secrets = vars.filter((v) => v.secret && v.value).length;
  const action =
    secrets > 0 ? (
      <button type="button" className="btn" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed}>
        {revealed ? <EyeOff size={14} aria-hidden /> : <Eye size={14} aria-hidden />}
        {revealed ? 'Hide secrets' : `Reveal ${countOf(secrets, 'secret')}`}
      </button>
    ) : undefined;
  return (
    <Card title="Environment" wide action={action}>
      {vars.length === 0 ? (
        <p className="muted">No environment variables.</p>
      ) : (
        <dl className="facts labels" data-testid="overview-env">
          {vars.map((v, i) => (
            <LabelRow key={`${v.name}-${i}`} name={v.name} value={v.secret && v.value && !revealed ? MASK : v.value} />
          ))}
        </dl>
      )}
    </Card>
  );
}

function LabelsCard({ labels }: { labels: Record<string, string> }) {
  const { compose, other } = groupLabels(labels);
  if (compose.length + other.length === 0) {
    return (
      <Card title="Labels" wide>
        <p className="muted">No labels.</p>
      </Card>
    );
  }
  return (
    <Card title="Labels" wide>
      {compose.length > 0 && (
        <>
          <h3 className="card-subhead">Compose</h3>
          <dl className="facts labels">
            {compose.map(([k, v]) => (
              <LabelRow key={k} name={k} value={v} />
            ))}
          </dl>
        </>
      )}
      {other.length > 0 && (
        <>
          {compose.length > 0 && <h3 className="card-subhead">Other</h3>}
          <dl className="facts labels">
            {other.map(([k, v]) => (
              <LabelRow key={k} name={k} value={v} />
            ))}
          </dl>
        </>
      )}
    </Card>
  );
}

function LabelRow({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt className="mono">{name}</dt>
      <dd className="mono">{value || <span className="muted">(empty)</span>}</dd>
    </>
  );
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

import { ChevronDown, ChevronRight, KeyRound, LockKeyhole, Pencil, Plus, Power, ShieldAlert, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { EngineOrigin, EngineStatus } from '../../../../preload/contract';
import { berth } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EngineFacts } from '../../components/EngineFacts';
import { engineLabel } from '../../engine/engine-view';
import { errorMessage } from '../../format/error-message';
import { useEngineStore } from '../../stores/engine-store';
import { toast } from '../../stores/toast-store';
import { AddEngineDialog } from './AddEngineDialog';
import './engines-settings.css';

const ORIGIN: Record<EngineOrigin, string> = {
  DOCKER_HOST: 'DOCKER_HOST',
  context: 'docker context',
  'default-socket': 'local socket',
  added: 'added here',
};

/** The words and tone of an engine's health. */
export function engineHealth(s: EngineStatus): { text: string; tone: 'success' | 'warning' | 'danger' | 'neutral' | 'info' } {
  if (s.enabled === false) return { text: 'Disabled', tone: 'neutral' };
  if (s.hostKey?.state === 'unknown') return { text: 'Host key to confirm', tone: 'warning' };
  if (s.hostKey?.state === 'changed') return { text: 'Host key changed', tone: 'danger' };
  if (s.sshKeyLocked) return { text: 'Passphrase needed', tone: 'warning' };
  switch (s.state) {
    case 'connected':
      return { text: engineLabel(s), tone: 'success' };
    case 'connecting':
      return { text: 'Connecting…', tone: 'info' };
    case 'reconnecting':
      return { text: 'Reconnecting…', tone: 'warning' };
    case 'unreachable':
      return { text: 'Not reachable', tone: 'danger' };
  }
}

async function act(what: string, run: () => Promise<unknown>) {
  try {
    await run();
  } catch (err) {
    toast.error(what, errorMessage(err));
  }
}

/** Settings → Engines: every engine with its health, endpoint and origin; add, rename, disable, remove; host keys. */
export function EnginesSettings() {
  const statuses = useEngineStore((s) => s.statuses);
  const [adding, setAdding] = useState(false);
  return (
    <section className="settings-section" data-testid="engines-settings">
      <div className="engines-heading">
        <h2>Engines</h2>
        <button type="button" className="btn" onClick={() => setAdding(true)}>
          <Plus size={14} aria-hidden /> Add engine
        </button>
      </div>
      <p className="settings-note">Every engine the docker CLI knows here (DOCKER_HOST, each docker context, local and Podman sockets) and the ones you add. Berth connects to all of them at once.</p>
      <ul className="engine-list">
        {statuses.map((s) => (
          <EngineRow key={s.engineId} status={s} sameAsName={s.sameAs ? (statuses.find((x) => x.engineId === s.sameAs)?.name ?? s.sameAs) : null} />
        ))}
      </ul>
      {adding && <AddEngineDialog onClose={() => setAdding(false)} />}
    </section>
  );
}

function EngineRow({ status: s, sameAsName }: { status: EngineStatus; sameAsName: string | null }) {
  const [open, setOpen] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const health = engineHealth(s);
  const name = s.name ?? s.engineId;
  const address = s.endpoint?.endpoint ?? s.address ?? s.tried[0]?.endpoint;
  const problem = s.enabled !== false && s.state !== 'connected' && !s.hostKey && !s.sshKeyLocked ? (s.tried.find((t) => t.error)?.error ?? null) : null;
  const saveName = async () => {
    const next = renaming?.trim();
    setRenaming(null);
    if (next && next !== name) await act('Could not rename the engine', () => berth.engine.update({ engineId: s.engineId, name: next }));
  };
  return (
    <li className="engine-card" data-testid={`engine-${s.engineId}`}>
      <div className="engine-card-head">
        <button type="button" className="icon-btn" aria-expanded={open} aria-label={open ? 'Hide details' : 'Show details'} onClick={() => setOpen(!open)}>
          {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
        </button>
        <div className="engine-card-title">
          {renaming !== null ? (
            <form
              className="engine-rename"
              onSubmit={(e) => {
                e.preventDefault();
                void saveName();
              }}
            >
              <input className="input" aria-label="Engine name" value={renaming} maxLength={64} autoFocus onChange={(e) => setRenaming(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)} onBlur={() => void saveName()} />
            </form>
          ) : (
            <span className="engine-name">{name}</span>
          )}
          <span className="engine-meta mono">
            {address ?? '—'} · {s.origin ? ORIGIN[s.origin] : 'found like the docker CLI'}
          </span>
          {sameAsName && (
            <span className="engine-same-as" data-testid="engine-same-as">
              The same engine as {sameAsName}: another way to reach its daemon. All engines shows its containers, images and volumes once, under {sameAsName}.
            </span>
          )}
        </div>
        <span className={`badge tone-${health.tone}`}>{health.text}</span>
        <div className="engine-actions">
          <button type="button" className="icon-btn" title="Rename" aria-label={`Rename ${name}`} onClick={() => setRenaming(name)}>
            <Pencil size={14} />
          </button>
          <button
            type="button"
            className="icon-btn"
            title={s.enabled === false ? 'Enable' : 'Disable'}
            aria-label={`${s.enabled === false ? 'Enable' : 'Disable'} ${name}`}
            aria-pressed={s.enabled === false}
            onClick={() => void act('Could not change the engine', () => berth.engine.update({ engineId: s.engineId, enabled: s.enabled === false }))}
          >
            <Power size={14} />
          </button>
          <button
            type="button"
            className="icon-btn danger"
            title={s.engineId === 'local' ? 'The engine the docker CLI uses here can be disabled, not removed' : 'Remove from Berth'}
            aria-label={`Remove ${name}`}
            disabled={s.engineId === 'local'}
            onClick={() => setRemoving(true)}
          >
            <Trash2 size={14} />
          </button>
        </div>
      </div>
      {s.hostKey && <HostKeyPrompt status={s} />}
      {s.sshKeyLocked && !s.hostKey && <PassphrasePrompt key={s.sshKeyLocked.keyFile} status={s} />}
      {problem && (
        <p className="engine-problem" role="status">
          {problem}
          {s.hint && s.hint !== problem && !s.hint.includes(problem) ? ` — ${s.hint}` : ''}
        </p>
      )}
      {open && (
        <div className="engine-details">
          <EngineFacts status={s} />
        </div>
      )}
      <ConfirmDialog
        open={removing}
        onOpenChange={setRemoving}
        title={`Remove ${name} from Berth?`}
        description="Berth stops connecting to this engine and forgets it. Nothing on the engine is deleted."
        items={[
          { key: 'conn', effect: 'note', label: 'Open logs, terminals and streams of this engine close', detail: 'Pages showing it offer the other engines.' },
          ...(s.origin === 'added'
            ? []
            : [{ key: 'back', effect: 'note' as const, label: 'It stays hidden at the next start', detail: s.origin === 'context' ? 'Add it again as a docker context to bring it back.' : 'Add it again to bring it back.' }]),
          { key: 'kept', effect: 'kept', label: 'Everything on the engine', detail: 'Containers, images, volumes, networks and your compose files are not touched.' },
        ]}
        confirmLabel="Remove from Berth"
        onConfirm={() => {
          setRemoving(false);
          void act('Could not remove the engine', () => berth.engine.remove({ engineId: s.engineId }));
        }}
      />
    </li>
  );
}

/**
 * An unknown ssh host key to accept (after comparing the fingerprint) or refuse. A changed one is refused: both
 * fingerprints are shown, and the user may replace the known key explicitly, after a confirmation that says what
 * it means and where the old file is kept.
 */
function HostKeyPrompt({ status: s }: { status: EngineStatus }) {
  const key = s.hostKey!;
  const [confirming, setConfirming] = useState(false);
  const where = `${key.host}${key.port !== 22 ? `:${key.port}` : ''}`;
  const refuse = (
    <button type="button" className="btn" onClick={() => void act('Could not disable the engine', () => berth.engine.update({ engineId: s.engineId, enabled: false }))}>
      Refuse (disable the engine)
    </button>
  );
  if (key.state === 'changed') {
    const previous = key.previous;
    return (
      <div className="engine-hostkey danger" role="alert" data-testid="hostkey-changed">
        <ShieldAlert size={16} aria-hidden />
        <div>
          <strong>The host key of {where} has changed. Berth refuses to connect.</strong>
          <p>Someone may be intercepting the connection, or the host was reinstalled. Compare the key the server shows now with the server’s own before doing anything.</p>
          <dl className="engine-hostkey-compare">
            <dt>Known key{previous ? ` (${previous.knownHostsFile} line ${previous.line})` : ''}</dt>
            <dd>{previous ? <code className="engine-fingerprint-old">{previous.fingerprint}</code> : <span>marked <code>@revoked</code> in known_hosts: Berth never replaces a revoked key</span>}</dd>
            <dt>The server shows now</dt>
            <dd>
              {key.keyType} <code className="engine-fingerprint">{key.fingerprint}</code>
            </dd>
          </dl>
          <div className="engine-hostkey-actions">
            {previous && (
              <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
                Replace the known key…
              </button>
            )}
            {refuse}
          </div>
        </div>
        {previous && (
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            title={`Replace the host key of ${where}?`}
            description={`Only if you know why the key changed (the host was reinstalled or its keys regenerated). If you do not, someone may be between you and ${key.host}.`}
            items={[
              { key: 'old', effect: 'lost', label: <>The known key <code>{previous.fingerprint}</code></>, detail: `Its line leaves ${previous.knownHostsFile}; the file as it was is kept as ${previous.knownHostsFile}.old.` },
              { key: 'new', effect: 'note', label: <>Trusted from now on: <code>{key.fingerprint}</code></>, detail: `Added to ${key.knownHostsFile}, so ssh, the docker CLI and compose trust it too. Berth connects at once.` },
            ]}
            confirmLabel="Replace the key and connect"
            onConfirm={() => {
              setConfirming(false);
              void act('Could not replace the host key', () => berth.engine.replaceHostKey({ engineId: s.engineId, fingerprint: key.fingerprint, previousFingerprint: previous.fingerprint }));
            }}
          />
        )}
      </div>
    );
  }
  return (
    <div className="engine-hostkey" role="alert">
      <KeyRound size={16} aria-hidden />
      <div>
        <strong>First connection to {where}: is this its key?</strong>
        <p>
          {key.keyType} <code className="engine-fingerprint">{key.fingerprint}</code>
        </p>
        <p className="settings-note">Compare with the server’s own: <code>ssh-keygen -lf /etc/ssh/ssh_host_{key.keyType.replace(/^ssh-/, '').replace(/^ecdsa-.*/, 'ecdsa')}_key.pub</code>. Accepting adds it to {key.knownHostsFile}.</p>
        <div className="engine-hostkey-actions">
          <button type="button" className="btn btn-primary" onClick={() => void act('Could not accept the host key', () => berth.engine.trustHostKey({ engineId: s.engineId, fingerprint: key.fingerprint }))}>
            Accept and connect
          </button>
          {refuse}
        </div>
      </div>
    </div>
  );
}

/**
 * The ssh key of an engine is passphrase-protected: the passphrase is asked for here, checked by main against the
 * key, and kept in main's memory for this run only (like ssh-agent); the field is cleared once it is sent.
 */
function PassphrasePrompt({ status: s }: { status: EngineStatus }) {
  const keyFile = s.sshKeyLocked!.keyFile;
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await berth.engine.unlockSshKey({ engineId: s.engineId, keyFile, passphrase });
      setPassphrase('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="engine-hostkey" role="alert" data-testid="ssh-passphrase">
      <LockKeyhole size={16} aria-hidden />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <strong>The ssh key {keyFile} is protected by a passphrase.</strong>
        <p className="settings-note">Berth keeps it in memory until it quits, never on disk. Or add the key to your ssh agent (ssh-add {keyFile}) and retry.</p>
        <div className="engine-hostkey-actions">
          <input
            className="input"
            type="password"
            autoComplete="off"
            aria-label={`Passphrase of ${keyFile}`}
            placeholder="Passphrase"
            value={passphrase}
            onChange={(e) => {
              setPassphrase(e.target.value);
              setError(null);
            }}
          />
          <button type="submit" className="btn btn-primary" disabled={busy || !passphrase}>
            Unlock and connect
          </button>
        </div>
        {error && (
          <p className="engine-problem" role="status">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}

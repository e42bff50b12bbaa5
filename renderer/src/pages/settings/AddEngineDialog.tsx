import { useState } from 'react';
import { berth } from '../../api';
import { DialogFrame } from '../../components/DialogFrame';
import { PathInput } from '../../components/PathInput';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { Field } from '../../components/Field';
import { addEngineRequest, EMPTY_ENGINE_FORM, type EngineForm, type EngineKindChoice } from './engine-form';
import { Segmented } from '../../components/Segmented';

type Kind = EngineKindChoice;

const KINDS: { id: Kind; label: string; hint: string }[] = [
  { id: 'ssh', label: 'SSH', hint: 'A Docker host you reach with ssh. Berth keeps one ssh connection open; your ssh agent, keys and ~/.ssh/config host aliases are used.' },
  { id: 'tcp', label: 'TCP + TLS', hint: 'A Docker daemon listening on TCP (dockerd --tlsverify -H tcp://0.0.0.0:2376), with its CA and a client certificate.' },
  { id: 'unix', label: 'Socket', hint: 'A Docker-compatible socket on this machine (rootless Docker, Podman, colima, …).' },
  { id: 'context', label: 'Docker context', hint: 'A context made with `docker context create` (contexts found at start are listed already).' },
];

/** Add engine: a kind, its fields, and TLS file paths (never their contents: main reads them). */
export function AddEngineDialog({ onClose }: { onClose(): void }) {
  const [kind, setKind] = useState<Kind>('ssh');
  const [form, setForm] = useState<EngineForm>(EMPTY_ENGINE_FORM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<EngineForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setError(null);
  };
  const request = addEngineRequest(kind, form);
  const submit = async () => {
    if ('problem' in request) return setError(request.problem);
    setBusy(true);
    try {
      await berth.engine.add(request.input);
      toast.success('Engine added', 'Berth is connecting to it; its state shows in the list.');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const text = (key: keyof EngineForm, label: string, placeholder: string, hint?: string) => (
    <Field label={label} hint={hint}>
      <input className="input" value={form[key] as string} placeholder={placeholder} spellCheck={false} onChange={(e) => set({ [key]: e.target.value })} />
    </Field>
  );
  const path = (key: 'ca' | 'cert' | 'key' | 'socketPath', label: string, hint?: string) => (
    <Field label={label} hint={hint}>
      <PathInput mode="file" value={form[key]} onChange={(v) => set({ [key]: v })} placeholder="/path/to/file" browseLabel={`Browse for the ${label.toLowerCase()}`} compact />
    </Field>
  );
  return (
    <DialogFrame
      title="Add engine"
      onOpenChange={(o) => !o && onClose()}
      form
      bodyClassName="form-fields"
      confirm={{ label: 'Add engine', disabled: 'problem' in request }}
      onConfirm={() => void submit()}
      busy={busy}
      status={busy && 'Adding…'}
      error={error}
      testId="add-engine-dialog"
    >
      <Segmented className="engine-kinds" options={KINDS} value={kind} onChange={setKind} aria-label="Kind of engine" />
      <p className="settings-note">{KINDS.find((k) => k.id === kind)!.hint}</p>
      {kind === 'ssh' && (
        <>
          {text('host', 'Host', 'build.lan, 10.0.0.5 or an ssh alias')}
          <div className="form-row">
            {text('user', 'User', 'from ~/.ssh/config, else yours')}
            {text('port', 'Port', '22 or from ~/.ssh/config')}
          </div>
        </>
      )}
      {kind === 'tcp' && (
        <>
          <div className="form-row">
            {text('host', 'Host', 'docker.example.com')}
            {text('port', 'Port', form.tls ? '2376' : '2375')}
          </div>
          <label className="form-check">
            <input type="checkbox" checked={form.tls} onChange={(e) => set({ tls: e.target.checked })} /> Use TLS (the files a DOCKER_CERT_PATH folder holds)
          </label>
          {form.tls ? (
            <>
              {path('ca', 'CA certificate', 'ca.pem: the CA that signed the daemon’s certificate. Empty: the system’s CAs.')}
              {path('cert', 'Client certificate', 'cert.pem')}
              {path('key', 'Client key', 'key.pem (read by Berth, never shown or sent anywhere)')}
              <label className="form-check">
                <input type="checkbox" checked={form.verify} onChange={(e) => set({ verify: e.target.checked })} /> Verify the daemon’s certificate
              </label>
            </>
          ) : (
            <p className="settings-note engine-warning">Without TLS, anyone who can reach that port controls the engine (and the machine).</p>
          )}
        </>
      )}
      {kind === 'unix' && path('socketPath', 'Socket path', 'e.g. /run/user/1000/docker.sock')}
      {kind === 'context' && text('context', 'Context', 'e.g. colima')}
      {text('name', 'Name (optional)', 'how Berth shows it')}
    </DialogFrame>
  );
}

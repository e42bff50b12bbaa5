import { Field } from '../../../components/Field';
import * as Dialog from '@radix-ui/react-dialog';
import { ClipboardPaste, Copy, Eye, EyeOff, LoaderCircle, Plus, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { RunChoices, RunExport } from '../../../../../preload/contract';
import { emptyRunSpec } from '../../../../../preload/contract/run-spec';
import { isSecretName } from '../../../../../preload/contract/secrets';
import { berth } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import '../../../components/dialog.css';
import { PathInput } from '../../../components/PathInput';
import { errorMessage } from '../../../format/error-message';
import { engineName, usePrimaryEngine } from '../../../data/engines';
import { useEngineNames, useEnabledEngines } from '../../../data/scope';
import { toast } from '../../../stores/toast-store';
import type { ContainerRef } from '../container-dialogs-store';
import { mergeEnv, parseDotEnv } from './dotenv';
import { RecreateConfirm } from './RecreateConfirm';
import { formErrors, formFromSpec, newEnvRow, newMountRow, newPortRow, toSpecInput, type KeyValueRow, type RunForm } from './run-form';
import './run-dialog.css';

/** A new container goes to `engineId` (the page's engine; the dialog asks when the page shows several). */
export type RunRequest = { mode: 'new'; image?: string; engineId?: string } | { mode: 'duplicate' | 'edit'; container: ContainerRef };

const TITLES = { new: 'Run a new container', duplicate: 'Duplicate', edit: 'Edit and recreate' } as const;

/**
 * The `docker run` dialog: every field of a run spec, checked as it is typed (the same schema main validates
 * with), the equivalent `docker run` command and compose service live at the bottom. Duplicate and edit open it
 * pre-filled from the container; edit ends in a recreate confirmation instead of a plain run.
 */
export function RunDialog({ request, onClose }: { request: RunRequest; onClose(): void }) {
  const [form, setForm] = useState<RunForm | null>(request.mode === 'new' ? formFromSpec({ ...emptyRunSpec(), image: request.image ?? '' }) : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choices, setChoices] = useState<RunChoices>({ images: [], networks: [], volumes: [] });
  const [showAllErrors, setShowAllErrors] = useState(false);
  const [serverError, setServerError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  /** The image the engine said it does not have, offered for a pull; then its progress while it runs. */
  const [missing, setMissing] = useState<{ image: string; percent: number | null; pulling: boolean } | null>(null);
  const stopPull = useRef<(() => void) | null>(null);
  useEffect(() => () => stopPull.current?.(), []);
  const container = request.mode === 'new' ? null : request.container;
  const engines = useEnabledEngines();
  const primary = usePrimaryEngine();
  const [engineId, setEngineId] = useState(() => container?.engineId ?? (request.mode === 'new' ? request.engineId : undefined) ?? primary?.engineId ?? 'local');
  const names = useEngineNames();
  // What the form held when it opened (or finished loading): Esc or a click outside asks before throwing edits away.
  const initial = useRef<string | null>(form ? JSON.stringify(form) : null);
  const [discarding, setDiscarding] = useState(false);
  const dirty = form !== null && initial.current !== null && JSON.stringify(form) !== initial.current;
  const askBeforeClosing = (e: Event) => {
    if (!dirty) return;
    e.preventDefault();
    setDiscarding(true);
  };

  useEffect(() => {
    let current = true;
    berth.containers.runChoices({ engineId }).then(
      (c) => current && setChoices(c),
      () => undefined, // the fields still take free text
    );
    if (container) {
      berth.containers.runSpecOf({ engineId: container.engineId, id: container.id }).then(
        (spec) => {
          if (!current) return;
          const loaded = formFromSpec(request.mode === 'duplicate' ? { ...spec, name: spec.name ? `${spec.name}-copy` : '' } : spec);
          initial.current = JSON.stringify(loaded);
          setForm(loaded);
        },
        (e: unknown) => current && setLoadError(errorMessage(e)),
      );
    }
    return () => {
      current = false;
    };
  }, [container, request.mode, engineId]);

  const errors = useMemo(() => (form ? formErrors(form) : {}), [form]);
  const hasErrors = Object.keys(errors).length > 0;

  const update = (patch: Partial<RunForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setServerError(null);
  };

  const submit = () => {
    if (!form) return;
    setMissing(null);
    if (hasErrors) {
      setShowAllErrors(true);
      return;
    }
    if (request.mode === 'edit') {
      setConfirming(true);
      return;
    }
    setBusy(true);
    berth.containers.run({ engineId, spec: toSpecInput(form) }).then(
      (created) => {
        toast.success(`Started ${created.name}`);
        onClose();
      },
      (e: unknown) => {
        setBusy(false);
        const details = (e as { details?: { field?: string; reason?: string } }).details;
        if (details?.reason === 'image-missing') setMissing({ image: form.image.trim(), percent: null, pulling: false });
        setServerError({ message: errorMessage(e), ...(details?.field ? { field: details.field } : {}) });
      },
    );
  };

  /** Pulls the missing image (it shows in the operations panel like any pull), then runs. */
  const pullThenRun = () => {
    if (!missing) return;
    setMissing({ ...missing, pulling: true });
    let failed = false;
    stopPull.current = berth.images.pull(
      { engineId, ref: missing.image },
      {
        next: (m) => {
          if (m.type === 'progress') setMissing((x) => (x ? { ...x, percent: m.percent } : x));
        },
        error: (e) => {
          failed = true;
          stopPull.current = null;
          setMissing(null);
          setServerError({ message: errorMessage(e), field: 'image' });
        },
        complete: () => {
          stopPull.current = null;
          if (!failed) submit();
        },
      },
    );
  };

  /** A field's error: shown once the field has something in it, or for every field after a submit attempt. */
  const errorFor = (key: string, value: string | boolean = '') =>
    serverError?.field === key ? serverError.message : errors[key] && (showAllErrors || value !== '') ? errors[key] : undefined;

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog run-dialog" aria-describedby={undefined} data-testid="run-dialog" onEscapeKeyDown={askBeforeClosing} onPointerDownOutside={askBeforeClosing}>
          <header className="dialog-header">
            <Dialog.Title className="dialog-title">
              {TITLES[request.mode]}
              {container && <span className="muted"> {container.name}</span>}
              {engines.length > 1 && container && <span className="engine-tag run-engine-tag">{names.get(engineId) ?? engineId}</span>}
            </Dialog.Title>
            {engines.length > 1 && !container && (
              <label className="run-engine">
                on
                <select className="select" aria-label="Engine" value={engineId} onChange={(e) => setEngineId(e.target.value)}>
                  {engines.map((s) => (
                    <option key={s.engineId} value={s.engineId}>
                      {engineName(s)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <Dialog.Close className="icon-btn" aria-label="Close">
              <X size={16} />
            </Dialog.Close>
          </header>
          {!form ? (
            <div className="dialog-body">
              {loadError ? (
                <p className="dialog-error" role="alert">
                  {loadError}
                </p>
              ) : (
                <p className="dialog-loading" role="status">
                  <LoaderCircle size={16} className="spin" /> Reading its settings…
                </p>
              )}
            </div>
          ) : (
            <form
              className="run-form"
              onSubmit={(e) => {
                e.preventDefault();
                submit();
              }}
            >
              <div className="dialog-body run-body">
                <RunFields form={form} choices={choices} update={update} errorFor={errorFor} />
              </div>
              <RunPreview form={form} valid={!hasErrors} />
              {serverError && !serverError.field && (
                <p className="dialog-error run-server-error" role="alert">
                  {serverError.message}
                </p>
              )}
              <footer className="dialog-footer">
                {missing && (
                  <button type="button" className="btn" disabled={missing.pulling} onClick={pullThenRun} data-testid="pull-and-run">
                    {missing.pulling && <LoaderCircle size={14} className="spin" />}
                    {missing.pulling ? `Pulling ${missing.image}${missing.percent !== null ? ` ${Math.round(missing.percent)}%` : '…'}` : `Pull ${missing.image} and run`}
                  </button>
                )}
                {showAllErrors && hasErrors && <span className="run-errors-note">Fix the {Object.keys(errors).length} marked field(s) first.</span>}
                <Dialog.Close className="btn" type="button">
                  Cancel
                </Dialog.Close>
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {busy && <LoaderCircle size={14} className="spin" />}
                  {request.mode === 'edit' ? 'Recreate…' : 'Run'}
                </button>
              </footer>
            </form>
          )}
          <ConfirmDialog
            open={discarding}
            onOpenChange={setDiscarding}
            title="Discard what you entered?"
            items={[{ key: 'form', label: 'The settings entered in this dialog', detail: 'Nothing was created yet.', effect: 'lost' }]}
            confirmLabel="Discard"
            onConfirm={onClose}
          />
          {confirming && form && container && (
            <RecreateConfirm
              container={container}
              spec={toSpecInput(form)}
              onCancel={() => setConfirming(false)}
              onDone={onClose}
              onFailed={(message) => {
                setConfirming(false);
                setServerError({ message });
              }}
            />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface FieldsProps {
  form: RunForm;
  choices: RunChoices;
  update(patch: Partial<RunForm>): void;
  errorFor(key: string, value?: string | boolean): string | undefined;
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="run-section">
      <header>
        <h3>{title}</h3>
        {action}
      </header>
      {children}
    </section>
  );
}

function RunFields({ form, choices, update, errorFor }: FieldsProps) {
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const imageText = form.image.trim();
  const imageKnown = imageText === '' || choices.images.length === 0 || choices.images.includes(imageText) || choices.images.includes(`${imageText}:latest`);
  // Local images containing what is typed anywhere in their name (a datalist only completes from the start).
  const imageMatches = imageKnown ? [] : choices.images.filter((i) => i.toLowerCase().includes(imageText.toLowerCase())).slice(0, 8);

  const setRow = <K extends 'env' | 'labels' | 'ports' | 'mounts'>(list: K, i: number, patch: Partial<RunForm[K][number]>) =>
    update({ [list]: form[list].map((r, j) => (j === i ? { ...r, ...patch } : r)) } as Partial<RunForm>);
  const removeRow = (list: 'env' | 'labels' | 'ports' | 'mounts', i: number) => update({ [list]: form[list].filter((_, j) => j !== i) } as Partial<RunForm>);

  return (
    <>
      <Section title="Image and name">
        <div className="run-grid">
          <Field
            label="Image"
            error={errorFor('image', form.image)}
            hint={
              imageKnown
                ? undefined
                : imageMatches.length > 0
                  ? `Not on this engine as typed; ${imageMatches.length === 1 ? 'a local image matches' : `${imageMatches.length} local images match`}, or Run offers to pull it.`
                  : 'Not on this engine: Run offers to pull it.'
            }
          >
            <input className="input" list="run-images" aria-label="Image" value={form.image} placeholder="e.g. nginx:1.27" autoFocus onChange={(e) => update({ image: e.target.value })} />
            <datalist id="run-images">
              {choices.images.map((i) => (
                <option key={i} value={i} />
              ))}
            </datalist>
            {imageMatches.length > 0 && (
              <span className="run-image-matches" role="group" aria-label="Local images that match">
                {imageMatches.map((i) => (
                  <button key={i} type="button" className="btn mono" onClick={() => update({ image: i })}>
                    {i}
                  </button>
                ))}
              </span>
            )}
          </Field>
          <Field label="Name" error={errorFor('name', form.name)} hint="Empty: the engine picks one.">
            <input className="input" aria-label="Container name" value={form.name} onChange={(e) => update({ name: e.target.value })} />
          </Field>
          <Field label="Command" error={errorFor('command', form.command)} hint="Empty: the image's. Quoted like a shell.">
            <input className="input mono" aria-label="Command" value={form.command} placeholder="the image's default" onChange={(e) => update({ command: e.target.value })} />
          </Field>
          <Field label="Entrypoint" error={errorFor('entrypoint', form.entrypoint)}>
            <span className="inline-check">
              <input type="checkbox" checked={form.overrideEntrypoint} aria-label="Override the entrypoint" onChange={(e) => update({ overrideEntrypoint: e.target.checked })} />
              <input
                className="input mono"
                aria-label="Entrypoint"
                disabled={!form.overrideEntrypoint}
                value={form.entrypoint}
                placeholder={form.overrideEntrypoint ? 'empty: none' : "the image's"}
                onChange={(e) => update({ entrypoint: e.target.value })}
              />
            </span>
          </Field>
        </div>
      </Section>

      <Section
        title="Environment"
        action={
          <span className="section-actions">
            <button type="button" className="btn btn-sm" onClick={() => setPasteOpen((o) => !o)}>
              <ClipboardPaste size={13} /> Paste .env
            </button>
            <button type="button" className="btn btn-sm" onClick={() => update({ env: [...form.env, newEnvRow()] })}>
              <Plus size={13} /> Variable
            </button>
          </span>
        }
      >
        {pasteOpen && (
          <div className="paste-env">
            <textarea
              className="input mono"
              rows={4}
              aria-label=".env block"
              placeholder={'KEY=value\n# comments and export are fine'}
              value={pasteText}
              onChange={(e) => setPasteText(e.target.value)}
            />
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                update({ env: mergeEnv(form.env, parseDotEnv(pasteText), (v) => newEnvRow(v.key, v.value)) });
                setPasteText('');
                setPasteOpen(false);
              }}
            >
              Add {parseDotEnv(pasteText).length} variable(s)
            </button>
          </div>
        )}
        {form.env.map((row, i) => {
          const secret = isSecretName(row.key);
          const shown = !secret || revealed.has(row.id);
          return (
            <div className="run-row run-row-kv" key={row.id}>
              <Field label="" error={errorFor(`env.${i}.key`, row.key)}>
                <input className="input mono" aria-label={`Variable name ${i + 1}`} placeholder="NAME" value={row.key} onChange={(e) => setRow('env', i, { key: e.target.value })} />
              </Field>
              <Field label="" error={errorFor(`env.${i}.value`, row.value)}>
                <span className="inline-check">
                  <input
                    className="input mono"
                    type={shown ? 'text' : 'password'}
                    aria-label={`Variable value ${i + 1}`}
                    placeholder="value"
                    value={row.value}
                    autoComplete="off"
                    onChange={(e) => setRow('env', i, { value: e.target.value })}
                  />
                  {secret && (
                    <button
                      type="button"
                      className="icon-btn"
                      aria-label={shown ? `Hide ${row.key}` : `Reveal ${row.key}`}
                      title={shown ? 'Hide' : 'Reveal'}
                      onClick={() => setRevealed((r) => toggled(r, row.id))}
                    >
                      {shown ? <EyeOff size={14} /> : <Eye size={14} />}
                    </button>
                  )}
                </span>
              </Field>
              <RemoveRow label={`Remove variable ${i + 1}`} onClick={() => removeRow('env', i)} />
            </div>
          );
        })}
      </Section>

      <Section
        title="Ports"
        action={
          <span className="section-actions">
            <label className="inline-check small">
              <input type="checkbox" checked={form.publishAll} onChange={(e) => update({ publishAll: e.target.checked })} /> Publish all exposed ports
            </label>
            <button type="button" className="btn btn-sm" onClick={() => update({ ports: [...form.ports, newPortRow()] })}>
              <Plus size={13} /> Port
            </button>
          </span>
        }
      >
        {form.ports.map((p, i) => (
          <div className="run-row run-row-ports" key={p.id}>
            <Field label={i === 0 ? 'Host IP' : ''} error={errorFor(`ports.${i}.hostIp`, p.hostIp)}>
              <input className="input mono" aria-label={`Host IP ${i + 1}`} placeholder="all" value={p.hostIp} onChange={(e) => setRow('ports', i, { hostIp: e.target.value })} />
            </Field>
            <Field label={i === 0 ? 'Host port' : ''} error={errorFor(`ports.${i}.hostPort`, p.hostPort) ?? (errorFor('ports', true) && i === 0 ? errorFor('ports', true) : undefined)}>
              <input className="input mono" inputMode="numeric" aria-label={`Host port ${i + 1}`} placeholder="any free" value={p.hostPort} onChange={(e) => setRow('ports', i, { hostPort: e.target.value })} />
            </Field>
            <Field label={i === 0 ? 'Container port' : ''} error={errorFor(`ports.${i}.containerPort`, p.containerPort)}>
              <input className="input mono" inputMode="numeric" aria-label={`Container port ${i + 1}`} placeholder="80" value={p.containerPort} onChange={(e) => setRow('ports', i, { containerPort: e.target.value })} />
            </Field>
            <Field label={i === 0 ? 'Protocol' : ''}>
              <select className="select" aria-label={`Protocol ${i + 1}`} value={p.protocol} onChange={(e) => setRow('ports', i, { protocol: e.target.value as 'tcp' })}>
                <option>tcp</option>
                <option>udp</option>
                <option>sctp</option>
              </select>
            </Field>
            <RemoveRow label={`Remove port ${i + 1}`} onClick={() => removeRow('ports', i)} />
          </div>
        ))}
      </Section>

      <Section
        title="Volumes and bind mounts"
        action={
          <span className="section-actions">
            <button type="button" className="btn btn-sm" onClick={() => update({ mounts: [...form.mounts, newMountRow('volume')] })}>
              <Plus size={13} /> Volume
            </button>
            <button type="button" className="btn btn-sm" onClick={() => update({ mounts: [...form.mounts, newMountRow('bind')] })}>
              <Plus size={13} /> Host folder
            </button>
          </span>
        }
      >
        <datalist id="run-volumes">
          {choices.volumes.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        {form.mounts.map((m, i) => (
          <div className="run-row run-row-mounts" key={m.id}>
            <Field label={i === 0 ? 'Kind' : ''}>
              <select className="select" aria-label={`Mount kind ${i + 1}`} value={m.type} onChange={(e) => setRow('mounts', i, { type: e.target.value as 'volume' })}>
                <option value="volume">Volume</option>
                <option value="bind">Host folder</option>
              </select>
            </Field>
            <Field
              label={i === 0 ? 'Source' : ''}
              error={errorFor(`mounts.${i}.source`, m.source)}
              hint={m.type === 'volume' && m.source && !choices.volumes.includes(m.source) ? 'new volume' : undefined}
            >
              {m.type === 'bind' ? (
                <PathInput
                  compact
                  mode="folder"
                  aria-label={`Mount source ${i + 1}`}
                  browseLabel={`Browse for the host folder of mount ${i + 1}`}
                  pickerTitle="Host folder to mount"
                  placeholder="/path/on/host"
                  value={m.source}
                  onChange={(source) => setRow('mounts', i, { source })}
                />
              ) : (
                <input
                  className="input mono"
                  list="run-volumes"
                  aria-label={`Mount source ${i + 1}`}
                  placeholder="name, or empty for anonymous"
                  value={m.source}
                  onChange={(e) => setRow('mounts', i, { source: e.target.value })}
                />
              )}
            </Field>
            <Field label={i === 0 ? 'Path in container' : ''} error={errorFor(`mounts.${i}.target`, m.target)}>
              <input className="input mono" aria-label={`Mount path ${i + 1}`} placeholder="/data" value={m.target} onChange={(e) => setRow('mounts', i, { target: e.target.value })} />
            </Field>
            <label className="inline-check small ro">
              <input type="checkbox" checked={m.readOnly} aria-label={`Read-only ${i + 1}`} onChange={(e) => setRow('mounts', i, { readOnly: e.target.checked })} /> read-only
            </label>
            <RemoveRow label={`Remove mount ${i + 1}`} onClick={() => removeRow('mounts', i)} />
          </div>
        ))}
      </Section>

      <Section title="Network, restart and resources">
        <div className="run-grid four">
          <Field label="Network" error={errorFor('network', true)}>
            <select className="select" aria-label="Network" value={form.network} onChange={(e) => update({ network: e.target.value })}>
              <option value="">default (bridge)</option>
              {choices.networks
                .filter((n) => n !== 'bridge')
                .map((n) => (
                  <option key={n}>{n}</option>
                ))}
              {form.network && !choices.networks.includes(form.network) && <option>{form.network}</option>}
            </select>
          </Field>
          <Field label="Restart" error={errorFor('restart.maxRetries', form.maxRetries)}>
            <span className="inline-check">
              <select className="select" aria-label="Restart policy" value={form.restartPolicy} onChange={(e) => update({ restartPolicy: e.target.value as RunForm['restartPolicy'] })}>
                <option value="no">never</option>
                <option value="always">always</option>
                <option value="unless-stopped">unless stopped</option>
                <option value="on-failure">on failure</option>
              </select>
              {form.restartPolicy === 'on-failure' && (
                <input className="input narrow" aria-label="Maximum retries" title="maximum retries (0: no limit)" value={form.maxRetries} onChange={(e) => update({ maxRetries: e.target.value })} />
              )}
            </span>
          </Field>
          <Field label="Memory limit" error={errorFor('memory', form.memory)} hint="e.g. 512m, 2g">
            <input className="input mono" aria-label="Memory limit" placeholder="no limit" value={form.memory} onChange={(e) => update({ memory: e.target.value })} />
          </Field>
          <Field label="CPUs" error={errorFor('cpus', form.cpus)} hint="e.g. 0.5, 2">
            <input className="input mono" aria-label="CPUs" placeholder="no limit" value={form.cpus} onChange={(e) => update({ cpus: e.target.value })} />
          </Field>
        </div>
      </Section>

      <Section title="Advanced">
        <div className="run-grid">
          <Field label="User" error={errorFor('user', form.user)}>
            <input className="input mono" aria-label="User" placeholder="the image's" value={form.user} onChange={(e) => update({ user: e.target.value })} />
          </Field>
          <Field label="Working directory" error={errorFor('workdir', form.workdir)}>
            <input className="input mono" aria-label="Working directory" placeholder="the image's" value={form.workdir} onChange={(e) => update({ workdir: e.target.value })} />
          </Field>
          <Field label="Healthcheck" error={errorFor('healthcheck.test', form.healthTest)}>
            <span className="inline-check">
              <select className="select" aria-label="Healthcheck" value={form.healthMode} onChange={(e) => update({ healthMode: e.target.value as RunForm['healthMode'] })}>
                <option value="image">the image's</option>
                <option value="none">none</option>
                <option value="custom">custom</option>
              </select>
              {form.healthMode === 'custom' && (
                <input className="input mono" aria-label="Healthcheck command" placeholder="wget -q -O- http://localhost/ || exit 1" value={form.healthTest} onChange={(e) => update({ healthTest: e.target.value })} />
              )}
            </span>
          </Field>
          {form.healthMode === 'custom' ? (
            <div className="health-timing">
              {(
                [
                  ['healthInterval', 'intervalSeconds', 'Every (s)'],
                  ['healthTimeout', 'timeoutSeconds', 'Timeout (s)'],
                  ['healthRetries', 'retries', 'Retries'],
                  ['healthStartPeriod', 'startPeriodSeconds', 'Grace (s)'],
                ] as const
              ).map(([key, specKey, label]) => (
                <Field key={key} label={label} error={errorFor(`healthcheck.${specKey}`, form[key])}>
                  <input className="input mono" aria-label={`Healthcheck ${label}`} value={form[key]} onChange={(e) => update({ [key]: e.target.value })} />
                </Field>
              ))}
            </div>
          ) : (
            <div />
          )}
        </div>
        <div className="run-flags">
          {(
            [
              ['autoRemove', 'Remove when it stops (--rm)'],
              ['init', 'Init process (--init)'],
              ['interactive', 'Keep stdin open (-i)'],
              ['tty', 'Allocate a TTY (-t)'],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className="inline-check small">
              <input type="checkbox" checked={form[key]} onChange={(e) => update({ [key]: e.target.checked })} /> {label}
            </label>
          ))}
          {errorFor('autoRemove', true) && <span className="field-error">{errorFor('autoRemove', true)}</span>}
        </div>
        <div className="labels-block">
          <header>
            <span className="field-label">Labels</span>
            <button type="button" className="btn btn-sm" onClick={() => update({ labels: [...form.labels, newEnvRow()] })}>
              <Plus size={13} /> Label
            </button>
          </header>
          {form.labels.map((row: KeyValueRow, i) => (
            <div className="run-row run-row-kv" key={row.id}>
              <Field label="" error={errorFor(`labels.${i}.key`, row.key)}>
                <input className="input mono" aria-label={`Label key ${i + 1}`} placeholder="key" value={row.key} onChange={(e) => setRow('labels', i, { key: e.target.value })} />
              </Field>
              <Field label="" error={errorFor(`labels.${i}.value`, row.value)}>
                <input className="input mono" aria-label={`Label value ${i + 1}`} placeholder="value" value={row.value} onChange={(e) => setRow('labels', i, { value: e.target.value })} />
              </Field>
              <RemoveRow label={`Remove label ${i + 1}`} onClick={() => removeRow('labels', i)} />
            </div>
          ))}
        </div>
      </Section>
    </>
  );
}

function toggled(set: ReadonlySet<number>, id: number): ReadonlySet<number> {
  const next = new Set(set);
  if (!next.delete(id)) next.add(id);
  return next;
}

function RemoveRow({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="icon-btn row-remove" aria-label={label} title="Remove" onClick={onClick}>
      <X size={14} />
    </button>
  );
}

/** The equivalent command (or compose service), refreshed as the form changes; secrets masked unless shown. */
function RunPreview({ form, valid }: { form: RunForm; valid: boolean }) {
  const [tab, setTab] = useState<'command' | 'compose'>('command');
  const [preview, setPreview] = useState<RunExport | null>(null);
  const [showSecrets, setShowSecrets] = useState(false);

  useEffect(() => {
    if (!valid) return;
    let current = true;
    const timer = setTimeout(() => {
      berth.containers.previewRun({ spec: toSpecInput(form), maskSecrets: !showSecrets }).then(
        (p) => current && setPreview(p),
        () => undefined,
      );
    }, 80);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [form, valid, showSecrets]);

  const copy = async () => {
    try {
      const full = await berth.containers.previewRun({ spec: toSpecInput(form), maskSecrets: false });
      await navigator.clipboard.writeText(tab === 'command' ? full.command : full.compose);
      toast.success(tab === 'command' ? 'Copied the docker run command' : 'Copied the compose service');
    } catch (e) {
      toast.error('Could not copy', errorMessage(e));
    }
  };

  return (
    <div className={`run-preview${valid ? '' : ' stale'}`}>
      <div className="run-preview-bar">
        <div className="segmented" role="group" aria-label="Preview as">
          <button type="button" aria-pressed={tab === 'command'} onClick={() => setTab('command')}>
            docker run
          </button>
          <button type="button" aria-pressed={tab === 'compose'} onClick={() => setTab('compose')}>
            compose
          </button>
        </div>
        {!valid && <span className="muted">fix the marked fields to update</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => setShowSecrets((s) => !s)}>
          {showSecrets ? <EyeOff size={13} /> : <Eye size={13} />} {showSecrets ? 'Hide secrets' : 'Show secrets'}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => void copy()} disabled={!valid}>
          <Copy size={13} /> Copy
        </button>
      </div>
      <pre className="run-preview-text mono" data-testid="run-preview" aria-label={tab === 'command' ? 'docker run command' : 'compose service'}>
        {preview ? (tab === 'command' ? preview.command : preview.compose) : ''}
      </pre>
    </div>
  );
}

import { Field } from '../../../components/Field';
import { ClipboardPaste, Eye, EyeOff, Plus, X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import type { RunChoices } from '../../../../../preload/contract';
import { isSecretName } from '../../../../../preload/contract/secrets';
import '../../../components/dialog.css';
import { PathInput } from '../../../components/PathInput';
import { mergeEnv, parseDotEnv } from './dotenv';
import { newEnvRow, newMountRow, newPortRow, type KeyValueRow, type RunForm } from './run-form';
import './run-dialog.css';

export interface FieldsProps {
  form: RunForm;
  choices: RunChoices;
  update(patch: Partial<RunForm>): void;
  errorFor(key: string, value?: string | boolean): string | undefined;
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="run-section">
      <header>
        <h3 className="caption">{title}</h3>
        {action}
      </header>
      {children}
    </section>
  );
}

/** The run form's sections: image and name, command, environment, ports, volumes, network and resources, advanced. */
export function RunFields({ form, choices, update, errorFor }: FieldsProps) {
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

import { useEffect, useRef, useState } from 'react';
import type { VolumeRemovalPlan, VolumeSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { useQuery } from '../../hooks/use-query';
import { ConfirmDialog, type ConfirmItem } from '../../components/ConfirmDialog';
import { PruneUnusedDialog } from '../../components/PruneUnusedDialog';
import { formatBytes } from '../../format/bytes';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { DialogFrame } from '../../components/DialogFrame';
import { PathInput } from '../../components/PathInput';
import { Field } from '../../components/Field';
import { backupFileName, parsePairs } from './form-values';
import { transfer } from './transfer';
import { useSubmit } from '../../hooks/use-submit';
import { EngineChoice, useDialogEngine } from '../../components/EngineChoice';

export type VolumeDialog =
  | { kind: 'create' }
  | { kind: 'backup'; volume: VolumeSummary; thenRemove?: boolean }
  | { kind: 'restore'; volume?: VolumeSummary }
  | { kind: 'clone'; volume: VolumeSummary }
  | { kind: 'remove'; volume: VolumeSummary }
  | { kind: 'prune' };

interface Props {
  dialog: VolumeDialog | null;
  /** Engine → volume name → bytes, once measured. */
  sizes: ReadonlyMap<string, Readonly<Record<string, number>>>;
  onClose(): void;
  onOpen(d: VolumeDialog): void;
}

export function VolumeDialogs({ dialog, sizes, onClose, onOpen }: Props) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create':
      return <CreateVolumeDialog onClose={onClose} />;
    case 'backup':
      return <BackupDialog volume={dialog.volume} size={sizes.get(dialog.volume.engineId)?.[dialog.volume.name] ?? null} thenRemove={dialog.thenRemove ?? false} onClose={onClose} onOpen={onOpen} />;
    case 'restore':
      return <RestoreDialog volume={dialog.volume} onClose={onClose} />;
    case 'clone':
      return <CloneDialog volume={dialog.volume} size={sizes.get(dialog.volume.engineId)?.[dialog.volume.name] ?? null} onClose={onClose} />;
    case 'remove':
      return <RemoveVolumeDialog volume={dialog.volume} onClose={onClose} onOpen={onOpen} />;
    case 'prune':
      return <PruneVolumesDialog onClose={onClose} />;
  }
}

function progressText(verb: string, bytes: number, total: number | null): string {
  return total ? `${verb}… ${formatBytes(bytes)} of about ${formatBytes(total)} (${Math.min(99, Math.floor((bytes / Math.max(1, total)) * 100))}%)` : `${verb}… ${formatBytes(bytes)}`;
}

function CreateVolumeDialog({ onClose }: { onClose(): void }) {
  const [engineId, setEngineId] = useDialogEngine();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [options, setOptions] = useState('');
  const [labels, setLabels] = useState('');
  const { busy, error, run } = useSubmit();
  const opts = parsePairs(options);
  const labs = parsePairs(labels);
  const nameProblem = name && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name) ? 'Letters, digits, "_", "." and "-", at least 2, starting with a letter or digit.' : null;
  const submit = () =>
    run('Creating…', async () => {
      await berth.volumes.create({ engineId, name, driver, options: opts.pairs, labels: labs.pairs });
      toast.success(`Created volume ${name}`);
      onClose();
    });
  return (
    <DialogFrame bodyClassName="form-fields" onOpenChange={(o) => !o && onClose()} title="New volume" form confirm={{ label: 'Create volume', disabled: !name || !!nameProblem || !!opts.error || !!labs.error }} onConfirm={() => void submit()} busy={!!busy} status={busy} error={error ?? nameProblem ?? opts.error ?? labs.error}>
      <EngineChoice value={engineId} onChange={setEngineId} />
      <Field label="Name">
        <input className="input" autoFocus value={name} onChange={(e) => setName(e.target.value)} aria-label="Volume name" />
      </Field>
      <Field label="Driver">
        <input className="input" value={driver} onChange={(e) => setDriver(e.target.value)} aria-label="Driver" />
      </Field>
      <Field label="Driver options" hint="One key=value a line, e.g. type=tmpfs (local driver: type, device, o).">
        <textarea className="input" rows={2} value={options} onChange={(e) => setOptions(e.target.value)} aria-label="Driver options" />
      </Field>
      <Field label="Labels" hint="One key=value a line.">
        <textarea className="input" rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} aria-label="Labels" />
      </Field>
    </DialogFrame>
  );
}

function useDefaultFolder(): [string, (s: string) => void] {
  const [folder, setFolder] = useState('');
  useEffect(() => {
    void berth.volumes.defaultBackupFolder({}).then((f) => setFolder((cur) => cur || f), () => undefined);
  }, []);
  return [folder, setFolder];
}

function BackupDialog({ volume, size, thenRemove, onClose, onOpen }: { volume: VolumeSummary; size: number | null; thenRemove: boolean; onClose(): void; onOpen(d: VolumeDialog): void }) {
  const [folder, setFolder] = useDefaultFolder();
  const [fileName, setFileName] = useState(() => backupFileName(volume.name, new Date()));
  const { busy, error, setBusy, run } = useSubmit();
  const cancel = useRef<(() => void) | null>(null);
  const submit = () =>
    run(progressText('Backing up', 0, size), async () => {
      const done = await transfer(cancel, (h) => berth.volumes.backup({ engineId: volume.engineId, name: volume.name, folder, fileName }, h), (bytes) => setBusy(progressText('Backing up', bytes, size)));
      toast.success(`Backed up ${volume.name}`, `${formatBytes(done.bytes)} of files → ${done.path ?? fileName}`);
      if (thenRemove) onOpen({ kind: 'remove', volume });
      else onClose();
    });
  return (
    <DialogFrame bodyClassName="form-fields" onOpenChange={(o) => !o && onClose()} title={`Back up ${volume.name}`} form confirm={{ label: thenRemove ? 'Back up, then remove…' : 'Back up', disabled: !folder || !/\.(tar\.gz|tgz)$/.test(fileName) }} onConfirm={() => void submit()} busy={!!busy} status={busy} error={error} onCancelBusy={() => cancel.current?.()}>
      <p className="dialog-description">Writes every file of the volume, with owners and modes, into a .tar.gz on the machine Berth runs on. The volume is only read.</p>
      <Field label="Folder">
        <PathInput mode="folder" value={folder} onChange={setFolder} aria-label="Backup folder" pickerTitle="Folder for the backup" />
      </Field>
      <Field label="File name">
        <input className="input mono" value={fileName} onChange={(e) => setFileName(e.target.value)} aria-label="Backup file name" />
      </Field>
    </DialogFrame>
  );
}

function RestoreDialog({ volume, onClose }: { volume?: VolumeSummary | undefined; onClose(): void }) {
  const [engineId, setEngineId] = useDialogEngine(volume?.engineId);
  const [file, setFile] = useState('');
  const [target, setTarget] = useState(volume?.name ?? '');
  const [overwrite, setOverwrite] = useState(false);
  const [needsOverwrite, setNeedsOverwrite] = useState(false);
  const { busy, error, setBusy, run } = useSubmit();
  const cancel = useRef<(() => void) | null>(null);
  const submit = () =>
    run(
      'Restoring…',
      async () => {
        await transfer(cancel, (h) => berth.volumes.restore({ engineId, name: target, file, overwrite }, h), (bytes) => setBusy(progressText('Restoring', bytes, null)));
        toast.success(`Restored into ${target}`, file);
        onClose();
      },
      (e) => setNeedsOverwrite((e as { details?: { notEmpty?: boolean } }).details?.notEmpty === true),
    );
  return (
    <DialogFrame bodyClassName="form-fields" onOpenChange={(o) => !o && onClose()} title="Restore a backup" form confirm={{ label: overwrite ? 'Replace contents and restore' : 'Restore', disabled: !file || target.length < 2 }} onConfirm={() => void submit()} busy={!!busy} status={busy} error={error} onCancelBusy={() => cancel.current?.()}>
      <p className="dialog-description">Unpacks a .tar.gz backup into a volume. A new name creates the volume; an existing volume must be empty.</p>
      {!volume && <EngineChoice value={engineId} onChange={setEngineId} />}
      <Field label="Backup file" hint="An absolute path on the machine Berth runs on.">
        <PathInput mode="file" filter={['*.tar.gz', '*.tgz']} filterLabel=".tar.gz backups" value={file} onChange={setFile} aria-label="Backup file" placeholder="/home/me/pgdata-2025-01-31-0905.tar.gz" pickerTitle="Choose a backup" />
      </Field>
      <Field label="Into volume">
        <input className="input mono" value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Target volume" />
      </Field>
      {needsOverwrite && (
        <label className="form-check danger">
          <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
          Delete everything now in “{target}” first, then restore. The current files will be gone.
        </label>
      )}
    </DialogFrame>
  );
}

function CloneDialog({ volume, size, onClose }: { volume: VolumeSummary; size: number | null; onClose(): void }) {
  const [target, setTarget] = useState(`${volume.name}-copy`);
  const { busy, error, setBusy, run } = useSubmit();
  const cancel = useRef<(() => void) | null>(null);
  const submit = () =>
    run(progressText('Copying', 0, size), async () => {
      await transfer(cancel, (h) => berth.volumes.clone({ engineId: volume.engineId, name: volume.name, target }, h), (bytes) => setBusy(progressText('Copying', bytes, size)));
      toast.success(`Cloned ${volume.name}`, `into ${target}`);
      onClose();
    });
  return (
    <DialogFrame bodyClassName="form-fields" onOpenChange={(o) => !o && onClose()} title={`Clone ${volume.name}`} form confirm={{ label: 'Clone', disabled: target.length < 2 }} onConfirm={() => void submit()} busy={!!busy} status={busy} error={error} onCancelBusy={() => cancel.current?.()}>
      <Field label="New volume" hint="Created for the copy; an existing volume must be empty.">
        <input className="input mono" autoFocus value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Clone name" />
      </Field>
    </DialogFrame>
  );
}

function RemoveVolumeDialog({ volume, onClose, onOpen }: { volume: VolumeSummary; onClose(): void; onOpen(d: VolumeDialog): void }) {
  const asked = useQuery<VolumeRemovalPlan>(() => berth.volumes.planRemoval({ engineId: volume.engineId, name: volume.name }), JSON.stringify([volume.engineId, volume.name]));
  const plan = asked.data;
  const error = asked.error;
  // Backing up is the default, except for a volume the engine reports as empty (0 B): nothing to keep.
  const [backupChoice, setBackupFirst] = useState<boolean | null>(null);
  const inUse = plan && plan.usedBy.length > 0;
  const backupFirst = backupChoice ?? plan?.size !== 0;
  const items: ConfirmItem[] = !plan
    ? []
    : inUse
      ? plan.usedBy.map((u) => ({ key: u.id, label: u.name, detail: `${u.running ? 'running' : 'stopped'} · mounts it at ${u.destination}`, effect: 'note' as const }))
      : [
          {
            key: 'data',
            label: `Every file in “${plan.name}”${plan.size !== null ? ` (${formatBytes(plan.size)})` : ''}`,
            detail: `The data at ${plan.mountpoint} is deleted for good; there is no undo.`,
            effect: 'lost' as const,
          },
        ];
  const confirm = async () => {
    if (backupFirst) return onOpen({ kind: 'backup', volume, thenRemove: true });
    try {
      await berth.volumes.remove({ engineId: volume.engineId, name: volume.name });
      toast.success(`Removed volume ${volume.name}`);
      onClose();
    } catch (e) {
      toast.error(`Could not remove ${volume.name}`, errorMessage(e));
    }
  };
  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Remove volume ${volume.name}?`}
      description={inUse ? 'This volume is in use. Remove these containers first; Berth will not remove a volume a container mounts.' : 'The data in this volume will be gone.'}
      items={items}
      options={inUse ? [] : [{ id: 'backup', label: 'Back up first (to a .tar.gz), then remove', checked: backupFirst, onChange: setBackupFirst }]}
      confirmLabel={backupFirst && !inUse ? 'Back up first…' : 'Remove volume'}
      onConfirm={() => void confirm()}
      loading={!plan && !error}
      error={error ?? (inUse ? `Used by ${plan.usedBy.map((u) => u.name).join(', ')}.` : null)}
    />
  );
}

function PruneVolumesDialog({ onClose }: { onClose(): void }) {
  return (
    <PruneUnusedDialog
      noun="volume"
      plan={(engineId) => berth.volumes.planPrune({ engineId })}
      itemsOf={(plan) => plan.volumes}
      item={(v) => ({
        key: v.name,
        label: v.name,
        detail: [v.size !== null ? formatBytes(v.size) : 'size unknown', v.composeProject ? `compose project ${v.composeProject}` : v.anonymous ? 'anonymous' : null].filter(Boolean).join(' · '),
        effect: 'lost',
      })}
      describe={(plan) =>
        plan && plan.volumes.length === 0
          ? 'Every volume is used by a container: nothing to prune.'
          : `${plan?.volumes.length ?? '…'} volume(s) no container uses, ${plan ? formatBytes(plan.totalBytes) : '…'} in all. Their data will be gone.`
      }
      prune={(engineId, volumes) => berth.volumes.prune({ engineId, names: volumes.map((v) => v.name) })}
      failure={(f) => `${f.name}: ${f.message}`}
      doneDetail={(r) => `${formatBytes(r.reclaimedBytes)} freed`}
      onClose={onClose}
    />
  );
}

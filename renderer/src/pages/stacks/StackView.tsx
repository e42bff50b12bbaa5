import { ChevronDown, ChevronLeft, Hammer, Play, RotateCw, ScrollText, Square, Trash2, Download, ArrowUpCircle, SlidersHorizontal } from 'lucide-react';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useEffect, useState } from 'react';
import type { ComposeWatchSupport, StackAction, StackDocument, StackDownPlan, StackDrift, StackOptions } from '../../../../preload/contract';
import { berth } from '../../api';
import { useQuery } from '../../hooks/use-query';
import { ConfirmDialog, type ConfirmItem } from '../../components/ConfirmDialog';
import '../../components/page.css';
import '../containers/row-menu.css';
import '../container-detail/container-detail.css';
import { errorMessage } from '../../format/error-message';
import { useNavigation } from '../../stores/navigation-store';
import { toast } from '../../stores/toast-store';
import { openMergedLogs } from '../logs/GroupLogsButton';
import { StackOptionsDialog } from './StackDialogs';
import { StackEditor } from './StackEditor';
import { WatchPanel, WatchToggle } from './ComposeWatch';
import { OperationPanel, ServicesPanel } from './StackServices';
import { useStackRows } from './StacksPage';
import { useEngineNames, useShowsEngines } from '../../data/scope';
import { STATUS_LABEL, STATUS_TONE } from './stack-rows';
import { runStackAction, useStacksStore, type RunRequest } from './stacks-store';
import { useStackFiles } from './use-stack-files';
import { countOf } from '../../format/count';

interface UpOptions {
  build: boolean;
  pull: 'default' | 'always' | 'missing' | 'never';
  forceRecreate: boolean;
  removeOrphans: boolean;
}

/** One stack: its files in the editor beside its services' live state, the actions, and the operation output. */
export function StackView({ engineId, stackKey }: { engineId: string; stackKey: string }) {
  const close = useNavigation((s) => s.close);
  const row = useStackRows(engineId).find((r) => r.key === stackKey) ?? null;
  const showsEngines = useShowsEngines(null);
  const engineName = useEngineNames().get(engineId) ?? engineId;
  const [doc, setDoc] = useState<StackDocument | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const files = useStackFiles(doc);
  const [up, setUp] = useState<UpOptions>({ build: false, pull: 'default', forceRecreate: false, removeOrphans: false });
  const [downOpen, setDownOpen] = useState(false);
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [options, setOptions] = useState<StackOptions | null>(null);
  const [optionsVersion, setOptionsVersion] = useState(0);
  const running = useStacksStore((s) => s.operations.some((o) => o.stackKey === stackKey && o.running));

  const path = stackKey.startsWith('/') ? stackKey : null;
  useEffect(() => {
    if (!path) return;
    let live = true;
    berth.stacks.open({ path }).then(
      (d) => {
        if (!live) return;
        setDoc(d);
        setOptions(d.options);
        void useStacksStore.getState().refresh();
      },
      (e: unknown) => live && setLoadError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [path]);

  const name = row?.name ?? options?.projectName ?? doc?.projectName ?? stackKey.replace(/^project:/, '');
  const projectName = row && row.containers.length > 0 ? row.name : undefined;
  const deployed = !!row && row.containers.length > 0;
  // Whether the saved file differs from what runs: asked again when the containers change or a file is saved.
  const [drift, setDrift] = useState<StackDrift | null>(null);
  const containersKey = row?.containers.map((c) => `${c.id}:${c.state}`).join(',') ?? '';
  const savedKey = [...files.files.values()].map((f) => f.base.stamp?.sha256 ?? '').join(',');
  useEffect(() => {
    if (!path || !deployed || running) return setDrift(null);
    let live = true;
    berth.stacks.drift({ engineId, path, ...(projectName ? { projectName } : {}) }).then(
      (d) => live && setDrift(d),
      () => live && setDrift(null),
    );
    return () => {
      live = false;
    };
  }, [engineId, path, projectName, deployed, running, containersKey, savedKey, optionsVersion]);
  const driftServices = drift ? [...drift.changed, ...drift.added, ...drift.removed] : [];
  // Whether compose watch applies: asked again when a file is saved (a develop.watch section added or removed).
  const [watchSupport, setWatchSupport] = useState<ComposeWatchSupport | null>(null);
  useEffect(() => {
    if (!path || !doc) return setWatchSupport(null);
    let live = true;
    berth.stacks.composeWatch.support({ engineId, path, ...(projectName ? { projectName } : {}) }).then(
      (s) => live && setWatchSupport(s),
      () => live && setWatchSupport(null),
    );
    return () => {
      live = false;
    };
  }, [engineId, path, projectName, doc, savedKey, optionsVersion]);

  const run = async (action: StackAction, extra: Partial<RunRequest> = {}) => {
    if (!path) return;
    if (action === 'up' || action === 'build') {
      const errors = files.markers.filter((m) => m.severity === 'error');
      if (errors.length > 0) {
        toast.error(`${name}: fix the compose file first`, `${countOf(errors.length, 'problem')}, the first at line ${errors[0]!.line}: ${errors[0]!.message}`);
        return;
      }
      if (!(await files.saveAll())) return; // compose runs the file on disk: save first (a conflict stops here)
    }
    runStackAction({ engineId, stackKey, stackName: name, path, ...(projectName ? { projectName } : {}), action, ...extra });
  };

  const header = (
    <header className="page-header detail-header stack-header">
      <button type="button" className="detail-back" onClick={close}>
        <ChevronLeft size={16} aria-hidden />
        Stacks
      </button>
      <span className="detail-sep" aria-hidden>
        /
      </span>
      <h1 title={name}>{name}</h1>
      {showsEngines && (
        <span className="engine-tag" data-testid="stack-engine" title={`Compose runs on the engine ${engineName}`}>
          {engineName}
        </span>
      )}
      {row && (
        <span className={`badge tone-${STATUS_TONE[row.status]}`} data-testid="stack-status" data-status={row.status}>
          {STATUS_LABEL[row.status]}
        </span>
      )}
      {driftServices.length > 0 && drift && (
        <span
          className="badge tone-warning stack-drift"
          data-testid="stack-drift"
          title={[
            drift.changed.length ? `Changed: ${drift.changed.join(', ')} (Up recreates them)` : '',
            drift.added.length ? `New: ${drift.added.join(', ')} (Up creates them)` : '',
            drift.removed.length ? `No longer in the file: ${drift.removed.join(', ')} (Up with "Remove orphans" removes them)` : '',
          ]
            .filter(Boolean)
            .join('\n')}
        >
          changed since up — Up to apply: {driftServices.join(', ')}
        </span>
      )}
      {path && (
        <span className="muted mono stack-header-path" title={path}>
          <bdi>{path}</bdi>
        </span>
      )}
      <div className="stack-actions">
        {row && row.containers.length > 0 && (
          <button type="button" className="btn" onClick={() => openMergedLogs(row.containers.map((c) => ({ engineId: c.engineId, id: c.id })), { label: name })} title="Every container of the stack, merged by time">
            <ScrollText size={14} aria-hidden /> Logs
          </button>
        )}
        {path && (
          <>
            <div className="split-btn">
              <button type="button" className="btn btn-primary" disabled={running} onClick={() => void run('up', up)} title="compose up -d">
                <ArrowUpCircle size={14} aria-hidden /> Up
              </button>
              <DropdownMenu.Root>
                <DropdownMenu.Trigger className="btn btn-primary split-btn-more" aria-label="Up options">
                  <ChevronDown size={14} />
                </DropdownMenu.Trigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
                    <DropdownMenu.CheckboxItem className="menu-item" checked={up.build} onCheckedChange={(v) => setUp({ ...up, build: v })} onSelect={(e) => e.preventDefault()}>
                      {up.build ? '✓ ' : ''}Build images first
                    </DropdownMenu.CheckboxItem>
                    <DropdownMenu.CheckboxItem className="menu-item" checked={up.forceRecreate} onCheckedChange={(v) => setUp({ ...up, forceRecreate: v })} onSelect={(e) => e.preventDefault()}>
                      {up.forceRecreate ? '✓ ' : ''}Recreate containers
                    </DropdownMenu.CheckboxItem>
                    <DropdownMenu.CheckboxItem className="menu-item" checked={up.removeOrphans} onCheckedChange={(v) => setUp({ ...up, removeOrphans: v })} onSelect={(e) => e.preventDefault()}>
                      {up.removeOrphans ? '✓ ' : ''}Remove orphan containers
                    </DropdownMenu.CheckboxItem>
                    <DropdownMenu.Separator className="menu-sep" />
                    <DropdownMenu.Label className="menu-label caption">Pull images</DropdownMenu.Label>
                    <DropdownMenu.RadioGroup value={up.pull} onValueChange={(v) => setUp({ ...up, pull: v as UpOptions['pull'] })}>
                      {(['default', 'missing', 'always', 'never'] as const).map((p) => (
                        <DropdownMenu.RadioItem key={p} value={p} className="menu-item" onSelect={(e) => e.preventDefault()}>
                          {up.pull === p ? '● ' : '○ '}
                          {p === 'default' ? 'as the file says' : p}
                        </DropdownMenu.RadioItem>
                      ))}
                    </DropdownMenu.RadioGroup>
                  </DropdownMenu.Content>
                </DropdownMenu.Portal>
              </DropdownMenu.Root>
            </div>
            {doc && options && (
              <button type="button" className="btn" aria-label="Stack options" onClick={() => setOptionsOpen(true)} title="Stack options: project name, compose files, profiles and env file for every compose run">
                <SlidersHorizontal size={14} aria-hidden />
                {options.profiles.length > 0 && <span className="muted">{options.profiles.join(', ')}</span>}
              </button>
            )}
            <WatchToggle target={{ engineId, path, ...(projectName ? { projectName } : {}) }} support={watchSupport} beforeStart={() => files.saveAll()} />
            <ActionButton label="Start" icon={Play} disabled={running} onClick={() => void run('start')} />
            <ActionButton label="Stop" icon={Square} disabled={running} onClick={() => void run('stop')} />
            <ActionButton label="Restart" icon={RotateCw} disabled={running} onClick={() => void run('restart')} />
            <ActionButton label="Pull" icon={Download} disabled={running} onClick={() => void run('pull')} />
            <ActionButton label="Build" icon={Hammer} disabled={running} onClick={() => void run('build')} />
            <button
              type="button"
              className={deployed ? 'btn btn-danger' : 'btn'}
              disabled={running || !deployed}
              onClick={() => setDownOpen(true)}
              title={deployed ? 'compose down: remove the containers and networks' : 'Nothing to take down: no container of this stack exists'}
            >
              <Trash2 size={14} aria-hidden /> Down
            </button>
          </>
        )}
      </div>
    </header>
  );

  return (
    <div className="page stack-view" data-testid="stack-view" data-stack-name={name}>
      {header}
      <div className="stack-body">
        <div className="stack-main">
          {path ? (
            doc ? (
              <StackEditor doc={doc} files={files} projectName={projectName ?? options?.projectName ?? doc.projectName} optionsVersion={optionsVersion} />
            ) : (
              <div className="page-center">{loadError ? <p className="dialog-error">{loadError}</p> : <p>Opening {path}…</p>}</div>
            )
          ) : (
            <div className="page-center">
              <h2>The compose file of {name} is not known</h2>
              <p>Its containers carry no compose file path Berth can open (it was started elsewhere or from another machine). Open the file with “Open…” on the Stacks page to edit and run it here.</p>
            </div>
          )}
        </div>
        <aside className="stack-side">
          <ServicesPanel row={row} declared={doc?.services ?? []} onAction={path ? (action, extra) => void run(action, extra) : null} />
          {path && <WatchPanel engineId={engineId} path={path} />}
          <OperationPanel stackKey={stackKey} />
        </aside>
      </div>
      {path && doc && options && (
        <StackOptionsDialog
          open={optionsOpen}
          onOpenChange={setOptionsOpen}
          path={path}
          options={options}
          defaultName={doc.workingDir.split('/').pop() ?? ''}
          onSaved={(o) => {
            setOptions(o);
            setOptionsVersion((v) => v + 1);
          }}
        />
      )}
      {path && <DownDialog engineId={engineId} open={downOpen} onOpenChange={setDownOpen} path={path} projectName={projectName} onConfirm={(removeVolumes) => void run('down', { removeVolumes })} />}
    </div>
  );
}

function ActionButton({ label, icon: Icon, disabled, onClick }: { label: string; icon: typeof Play; disabled: boolean; onClick(): void }) {
  return (
    // The label hides in narrow windows (stacks.css), so the name and tooltip carry it too.
    <button type="button" className="btn stack-action" disabled={disabled} onClick={onClick} aria-label={label} title={`compose ${label.toLowerCase()}`}>
      <Icon size={14} aria-hidden /> <span className="stack-action-label">{label}</span>
    </button>
  );
}

/** `down`: what goes (containers, networks), and the named volumes whose data goes only with the option. */
function DownDialog({ engineId, open, onOpenChange, path, projectName, onConfirm }: { engineId: string; open: boolean; onOpenChange(o: boolean): void; path: string; projectName: string | undefined; onConfirm(removeVolumes: boolean): void }) {
  const asked = useQuery<StackDownPlan>(open ? () => berth.stacks.planDown({ engineId, path, ...(projectName ? { projectName } : {}) }) : null, JSON.stringify([engineId, open, path, projectName]));
  const { data: plan, error } = asked;
  const [removeVolumes, setRemoveVolumes] = useState(false);
  useEffect(() => {
    if (open) setRemoveVolumes(false);
  }, [engineId, open, path, projectName]);

  const items: ConfirmItem[] = [];
  if (plan) {
    for (const c of plan.containers) items.push({ key: `c${c.id}`, label: c.name, detail: `container of ${c.service} (${c.state}); files written inside it are lost`, effect: 'lost' });
    for (const n of plan.networks) items.push({ key: `n${n}`, label: n, detail: 'network', effect: 'lost' });
    for (const v of plan.volumes)
      items.push({ key: `v${v.name}`, label: v.name, detail: removeVolumes ? `volume: its data is deleted (${v.mountpoint})` : 'volume: kept with its data', effect: removeVolumes ? 'lost' : 'kept' });
    if (plan.anonymousVolumes > 0)
      items.push({ key: 'anon', label: countOf(plan.anonymousVolumes, 'anonymous volume'), detail: removeVolumes ? 'deleted' : 'kept', effect: removeVolumes ? 'lost' : 'kept' });
    if (plan.containers.length === 0) items.push({ key: 'none', label: 'Nothing of this project exists on the engine.', effect: 'note' });
  }
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Down ${plan?.projectName ?? ''}`}
      description="Stops and removes the stack's containers and networks. The compose file and images stay."
      items={items}
      options={plan && (plan.volumes.length > 0 || plan.anonymousVolumes > 0) ? [{ id: 'volumes', label: 'Also delete the volumes and their data', checked: removeVolumes, onChange: setRemoveVolumes }] : []}
      confirmLabel={removeVolumes ? 'Down and delete volumes' : 'Down'}
      onConfirm={() => {
        onOpenChange(false);
        onConfirm(removeVolumes);
      }}
      loading={!plan && !error}
      error={error}
    />
  );
}

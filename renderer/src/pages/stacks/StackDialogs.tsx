import { FilePlus } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { StackOptions } from '../../../../preload/contract';
import { stackOptions } from '../../../../preload/contract/stacks';
import { berth } from '../../api';
import { DialogFrame } from '../../components/DialogFrame';
import { HostPathPicker } from '../../components/HostPathPicker';
import { PathField, pathProblem } from '../../components/PathInput';
import { useSubmit } from '../../hooks/use-submit';
import { useNavigation } from '../../stores/navigation-store';
import { useContainers } from '../../data/containers';
import { EngineChoice, useDialogEngine } from '../../components/EngineChoice';
import { pageOrPrimaryEngine } from '../../data/scope';
import { addComposeFile } from './compose-files';
import { runCommandWords } from './run-command';
import { useStacksStore } from './stacks-store';
import { Segmented } from '../../components/Segmented';
import { compareNatural } from '../../format/natural-compare';

/** The names compose looks for (and the usual variants), bright in the picker. */
const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', '*compose*.yaml', '*compose*.yml'];
const ENV_FILES = ['.env', '*.env', '.env.*', 'env', '*.env.*'];
const stackFolder = (file: string) => file.slice(0, Math.max(1, file.lastIndexOf('/')));

interface DialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
}

/** Opens a compose file (or a folder holding one) by its path on the machine Berth runs on. */
export function OpenStackDialog({ open, onOpenChange }: DialogProps) {
  const [path, setPath] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = () =>
    run('Opening…', async () => {
      const doc = await berth.stacks.open({ path });
      await useStacksStore.getState().refresh();
      onOpenChange(false);
      useNavigation.getState().open(doc.path, null, 'stacks', pageOrPrimaryEngine());
    });
  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      title="Open a compose file"
      size="lg"
      confirm={{ label: 'Open', disabled: !!busy || !path || !!pathProblem(path) }}
      onConfirm={() => void submit()}
      error={error}
    >
      <PathField
        id="open-stack-path"
        label="Compose file or folder"
        value={path}
        onChange={setPath}
        placeholder="/home/me/shop/compose.yaml"
        mode="file-or-folder"
        filter={COMPOSE_FILES}
        filterLabel="compose files"
        pickerTitle="Open a compose file or folder"
      />
      <p className="settings-note">A folder opens its compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml. The path is on the machine Berth runs on.</p>
    </DialogFrame>
  );
}

type Source = 'empty' | 'web-db' | 'dev-watch' | 'run' | 'containers';
const SOURCES: { id: Source; label: string; note: string }[] = [
  { id: 'empty', label: 'Empty', note: 'A compose file with no services yet.' },
  { id: 'web-db', label: 'Web + database', note: 'nginx and postgres; the web service waits for the database to be healthy; data in a named volume.' },
  { id: 'dev-watch', label: 'Site with live sync', note: 'nginx built from a Dockerfile, with develop.watch: edits under ./site are synced in by compose watch (Watch on the stack page).' },
  { id: 'run', label: 'From docker run', note: 'Paste a `docker run …` command; it becomes a compose service.' },
  { id: 'containers', label: 'From containers', note: 'The selected running containers, each as a service.' },
];

/** A new stack in a folder the user names: from a template, a pasted `docker run`, or running containers. */
export function NewStackDialog({ open, onOpenChange }: DialogProps) {
  const [dir, setDir] = useState('');
  const [source, setSource] = useState<Source>('web-db');
  const [command, setCommand] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { busy, error, run } = useSubmit();
  // "From containers" exports containers of one engine (the page's, or the one chosen here).
  const [engineId, setEngineId] = useDialogEngine();
  const containers = useContainers((s) => s.byEngine.get(engineId)?.items);
  const running = useMemo(() => [...(containers?.values() ?? [])].filter((c) => c.state === 'running').sort((a, b) => compareNatural(a.name, b.name)), [containers]);
  const words = source === 'run' ? runCommandWords(command) : null;
  const ready = !!dir && !pathProblem(dir) && (source !== 'run' || !!words) && (source !== 'containers' || selected.size > 0);

  const submit = () =>
    run('Creating…', async () => {
      let text: string | null = null;
      if (source === 'run') text = (await berth.stacks.convertRun({ argv: words! })).yaml;
      if (source === 'containers') text = await berth.stacks.exportContainers({ engineId, ids: [...selected] });
      const doc = await berth.stacks.create({ dir, template: source === 'web-db' || source === 'dev-watch' ? source : 'empty' });
      if (text !== null) await berth.stacks.save({ path: doc.path, text, expected: doc.compose.stamp });
      await useStacksStore.getState().refresh();
      onOpenChange(false);
      useNavigation.getState().open(doc.path, null, 'stacks', engineId);
    });

  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      title="New stack"
      size="lg"
      confirm={{ label: 'Create', disabled: !!busy || !ready }}
      onConfirm={() => void submit()}
      error={error}
    >
      <PathField id="new-stack-dir" label="Folder" value={dir} onChange={setDir} placeholder="/home/me/shop" mode="folder" pickerTitle="Folder for the new stack" />
      <p className="settings-note">compose.yaml is written there (the folder is created if its parent exists; an existing compose file is never overwritten). Its name is the project name.</p>
      <div className="stack-field">
        <span id="new-stack-source">Start from</span>
        <Segmented options={SOURCES} value={source} onChange={setSource} aria-labelledby="new-stack-source" />
        <p className="settings-note">{SOURCES.find((s) => s.id === source)!.note}</p>
      </div>
      {source === 'run' && (
        <div className="stack-field">
          <label htmlFor="new-stack-run">docker run command</label>
          <textarea id="new-stack-run" className="input mono stack-run-input" rows={4} value={command} spellCheck={false} placeholder="docker run -d --name web -p 8080:80 nginx:alpine" onChange={(e) => setCommand(e.target.value)} />
          {command.trim() && !words && <p className="field-error">A quote is still open.</p>}
        </div>
      )}
      {source === 'containers' && <EngineChoice value={engineId} onChange={(id) => { setEngineId(id); setSelected(new Set()); }} />}
      {source === 'containers' && (
        <ul className="stack-pick-list" aria-label="Running containers">
          {running.length === 0 && <li className="muted">No running containers.</li>}
          {running.map((c) => (
            <li key={c.id}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.has(c.id)}
                  onChange={(e) => {
                    const next = new Set(selected);
                    if (e.target.checked) next.add(c.id);
                    else next.delete(c.id);
                    setSelected(next);
                  }}
                />
                <span className="mono">{c.name}</span> <span className="muted">{c.image}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </DialogFrame>
  );
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);


/**
 * The compose options of a stack, passed to every compose run of it: project name (`-p`), files in order (`-f`),
 * profiles (`--profile`) and env file (`--env-file`). Checked with the same schema main uses.
 */
export function StackOptionsDialog({ open, onOpenChange, path, options, defaultName, onSaved }: DialogProps & { path: string; options: StackOptions; defaultName: string; onSaved(o: StackOptions): void }) {
  const [name, setName] = useState('');
  const [files, setFiles] = useState('');
  const [profiles, setProfiles] = useState('');
  const [envFile, setEnvFile] = useState('');
  const [pickingFile, setPickingFile] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  const [shown, setShown] = useState(false);
  if (open !== shown) {
    setShown(open);
    if (open) {
      setName(options.projectName ?? '');
      setFiles(options.files.join('\n'));
      setProfiles(options.profiles.join(' '));
      setEnvFile(options.envFile ?? '');
      setError(null);
    }
  }
  const value = { projectName: name || null, files: lines(files), profiles: profiles.split(/[\s,]+/).filter(Boolean), envFile: envFile || null };
  const parsed = stackOptions.safeParse(value);
  const problem = (field: string) => (parsed.success ? null : (parsed.error.issues.find((i) => i.path[0] === field)?.message ?? null));
  const submit = async () => {
    if (!parsed.success) return;
    const options = parsed.data;
    await run('Saving…', async () => {
      onSaved(await berth.stacks.setOptions({ path, options }));
      await useStacksStore.getState().refresh();
      onOpenChange(false);
    });
  };
  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      title="Stack options"
      size="lg"
      confirm={{ label: 'Save options', disabled: !!busy || !parsed.success }}
      onConfirm={() => void submit()}
      error={error}
    >
      <div className="stack-field">
        <label htmlFor="stack-opt-name">Project name (-p)</label>
        <input id="stack-opt-name" className="input mono" value={name} placeholder={defaultName} spellCheck={false} onChange={(e) => setName(e.target.value.trim())} aria-invalid={!!problem('projectName')} />
        {problem('projectName') && <p className="field-error">{problem('projectName')}</p>}
      </div>
      <div className="stack-field">
        <label htmlFor="stack-opt-files">Compose files (-f), one per line, in order</label>
        <textarea id="stack-opt-files" className="input mono" rows={3} value={files} placeholder={path} spellCheck={false} onChange={(e) => setFiles(e.target.value)} aria-invalid={!!problem('files')} />
        <div className="stack-field-actions">
          <button type="button" className="btn" onClick={() => setPickingFile(true)} title="Browse the machine Berth runs on">
            <FilePlus size={14} /> Add a file…
          </button>
          <span className="field-hint">{lines(files).length === 0 ? `Adds ${baseName(path)} first: -f replaces compose's own choice.` : 'Later files override earlier ones.'}</span>
        </div>
        {problem('files') && <p className="field-error">{problem('files')}</p>}
        {pickingFile && (
          <HostPathPicker
            open
            onOpenChange={setPickingFile}
            mode="file"
            filter={COMPOSE_FILES}
            filterLabel="compose files"
            startIn={stackFolder(path)}
            title="Add a compose file"
            onSelect={(chosen) => setFiles(addComposeFile(files, chosen, path))}
          />
        )}
      </div>
      <div className="stack-field">
        <label htmlFor="stack-opt-profiles">Profiles (--profile), separated by spaces</label>
        <input id="stack-opt-profiles" className="input mono" value={profiles} placeholder="none" spellCheck={false} onChange={(e) => setProfiles(e.target.value)} aria-invalid={!!problem('profiles')} />
        {problem('profiles') && <p className="field-error">{problem('profiles')}</p>}
      </div>
      <PathField id="stack-opt-env" label="Env file (--env-file)" value={envFile} onChange={setEnvFile} placeholder=".env beside the compose file" mode="file" filter={ENV_FILES} filterLabel="env files" startIn={stackFolder(path)} pickerTitle="Choose an env file" />
      <p className="settings-note">Every compose run of this stack (up, down, stop, start, restart, pull, build and the Resolved tab) uses these. Empty fields keep compose's defaults.</p>
    </DialogFrame>
  );
}

import { Hammer, Plus, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { imageRefProblem } from '../../../../preload/contract/image-ref';
import { berth } from '../../api';
import { DockerfilePanel, type DockerfilePanelHandle } from '../../dockerfile/DockerfilePanel';
import { errorMessage } from '../../format/error-message';
import { ImageDialogFrame } from './ImageDialogFrame';
import { PathInput } from '../../components/PathInput';
import { closeImageDialog } from './image-dialogs-store';
import { useImageListView } from './images-store';
import { startBuild } from '../../operations/operations-store';
import { EngineChoice, useDialogEngine } from '../../components/EngineChoice';

/** Names a Dockerfile usually has, bright in the picker. */
const DOCKERFILES = ['Dockerfile*', '*.Dockerfile', '*.dockerfile', 'Containerfile*'];

interface Arg {
  key: string;
  value: string;
}

/**
 * Build from a Dockerfile: context folder and Dockerfile (on the machine Berth's main process runs on), tags,
 * build args, target stage, no-cache and pull. The Dockerfile is editable with Berth's diagnostics and quick fixes
 * (saved before the build starts); the build itself runs in the operations panel (log, step progress, cancel).
 */
export function BuildDialog({ initial }: { initial?: { context?: string | undefined; tags?: string[] | undefined } }) {
  const [engineId, setEngineId] = useDialogEngine();
  const [context, setContext] = useState(initial?.context ?? '');
  const [dockerfile, setDockerfile] = useState('Dockerfile');
  const [tags, setTags] = useState(initial?.tags?.join(' ') ?? '');
  const [args, setArgs] = useState<Arg[]>([]);
  const [target, setTarget] = useState('');
  const [noCache, setNoCache] = useState(false);
  const [pull, setPull] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [filePath, setFilePath] = useState<string | null>(null);
  const panel = useRef<DockerfilePanelHandle>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  useEffect(() => {
    if (!context.trim()) return;
    let current = true;
    const t = setTimeout(() => {
      berth.images.readDockerfile({ context: context.trim(), dockerfile: dockerfile.trim() || 'Dockerfile' }).then(
        (r) => {
          if (!current) return;
          setText(r.text);
          setFilePath(r.path);
          setFileError(null);
        },
        (e) => {
          if (!current) return;
          setText(null);
          setFileError(errorMessage(e));
        },
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(t);
    };
  }, [context, dockerfile]);

  const tagList = tags.split(/[\s,]+/).filter(Boolean);
  const tagProblem = tagList.map((t) => imageRefProblem(t)).find((p) => p !== null) ?? null;
  const argProblem = args.some((a) => a.key && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.key)) ? 'A build arg name is letters, digits and _.' : null;
  const valid = context.trim() !== '' && text !== null && !tagProblem && !argProblem;

  const submit = () => {
    if (!valid) return;
    startBuild({
      engineId,
      context: context.trim(),
      dockerfile: dockerfile.trim() || 'Dockerfile',
      tags: tagList,
      buildArgs: Object.fromEntries(args.filter((a) => a.key).map((a) => [a.key, a.value])),
      target: target.trim(),
      noCache,
      pull,
    }, (id) => useImageListView.getState().highlight(id));
    closeImageDialog();
  };

  return (
    <ImageDialogFrame
      title="Build an image"
      form
      onConfirm={() => void (panel.current?.saveIfDirty() ?? Promise.resolve(true)).then((saved) => saved && submit())}
      size="xl"
      testId="build-dialog"
      confirm={{ label: <><Hammer size={14} /> Build</>, disabled: !valid }}
    >
      <EngineChoice value={engineId} onChange={setEngineId} />
      <div className="build-grid">
        <div className="image-field">
          <label htmlFor="build-context">Context folder</label>
          <PathInput id="build-context" mode="folder" value={context} onChange={setContext} placeholder="/home/me/project" autoFocus browseLabel="Browse for the context folder" pickerTitle="Build context folder" />
        </div>
        <div className="image-field">
          <label htmlFor="build-dockerfile">Dockerfile (in the context)</label>
          <PathInput id="build-dockerfile" mode="file" value={dockerfile} onChange={setDockerfile} base={context.trim() || undefined} filter={DOCKERFILES} filterLabel="Dockerfiles" browseLabel="Browse for the Dockerfile" pickerTitle="Choose the Dockerfile" />
        </div>
        <label className="image-field">
          <span>Tags (space or comma separated)</span>
          <input className="input mono" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="team/app:dev" spellCheck={false} aria-invalid={tagProblem !== null} />
          {tagProblem && <span className="field-error">{tagProblem}</span>}
        </label>
        <label className="image-field">
          <span>Target stage</span>
          <input className="input mono" value={target} onChange={(e) => setTarget(e.target.value)} placeholder="(last stage)" spellCheck={false} />
        </label>
      </div>
      <div className="image-field">
        <span>
          Build args{' '}
          <button type="button" className="icon-btn" aria-label="Add a build arg" onClick={() => setArgs([...args, { key: '', value: '' }])}>
            <Plus size={13} />
          </button>
        </span>
        {args.map((a, i) => (
          <div key={i} className="build-arg">
            <input className="input mono" placeholder="NAME" aria-label={`Build arg ${i + 1} name`} value={a.key} onChange={(e) => setArgs(args.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} />
            <input className="input mono" placeholder="value" aria-label={`Build arg ${i + 1} value`} value={a.value} onChange={(e) => setArgs(args.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
            <button type="button" className="icon-btn" aria-label={`Remove build arg ${i + 1}`} onClick={() => setArgs(args.filter((_, j) => j !== i))}>
              <X size={13} />
            </button>
          </div>
        ))}
        {argProblem && <span className="field-error">{argProblem}</span>}
      </div>
      <div className="build-options">
        <label>
          <input type="checkbox" checked={noCache} onChange={(e) => setNoCache(e.target.checked)} /> No cache
        </label>
        <label>
          <input type="checkbox" checked={pull} onChange={(e) => setPull(e.target.checked)} /> Pull newer base images
        </label>
      </div>
      {fileError && context.trim() && <p className="dialog-error">{fileError}</p>}
      {text !== null && filePath && (
        <div className="build-editor">
          <DockerfilePanel key={filePath} path={filePath} handle={panel} />
        </div>
      )}
    </ImageDialogFrame>
  );
}

import { Field } from '../../components/Field';
import { Download, LoaderCircle, Tag, TriangleAlert, Upload } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { ImageLayer, ImagePruneResult, ImageRemovalPlan, ImageSummary, PrunePlan } from '../../../../preload/contract';
import { imageRefProblem } from '../../../../preload/contract/image-ref';
import { ConfirmDialog, type ConfirmItem } from '../../components/ConfirmDialog';
import { berth } from '../../api';
import { useQuery } from '../../hooks/use-query';
import { useSubmit } from '../../hooks/use-submit';
import { formatBytes } from '../../format/bytes';
import { errorMessage, isExistsConflict } from '../../format/error-message';
import { formatRelativeTime } from '../../format/relative-time';
import { toast } from '../../stores/toast-store';
import { BuildDialog } from './BuildDialog';
import { ImageDialogFrame } from './ImageDialogFrame';
import { PathInput } from '../../components/PathInput';
import { closeImageDialog, useImageDialogs } from './image-dialogs-store';
import { layerShares, nameOf, shortImageId } from './image-rows';
import { ImageInspectDialog } from './ImageInspectDialog';
import { biggestLayers } from '../../dockerfile/build-steps-view';
import { startPull, startPush } from '../../operations/operations-store';
import { RegistriesDialog } from './RegistriesDialog';
import { EngineChoice, useDialogEngine } from '../../components/EngineChoice';
import { countOf } from '../../format/count';

/** Renders the images dialog that is open (they never stack). */
export function ImageDialogs() {
  const dialog = useImageDialogs((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'pull':
      return <PullDialog initial={dialog.ref ?? ''} />;
    case 'tag':
      return <TagDialog image={dialog.image} />;
    case 'push':
      return <PushDialog image={dialog.image} />;
    case 'remove':
      return <RemoveImageDialog image={dialog.image} target={dialog.target} />;
    case 'history':
      return <HistoryDialog image={dialog.image} />;
    case 'inspect':
      return <ImageInspectDialog image={dialog.image} />;
    case 'prune':
      return <PruneDialog />;
    case 'build':
      return <BuildDialog initial={dialog} />;
    case 'registries':
      return <RegistriesDialog />;
    case 'save-load':
      return <SaveLoadDialog image={dialog.image} />;
  }
}


/** A reference input that says what is wrong as you type (the same parser main validates with). */
function RefField({ label, value, onChange, autoFocus }: { label: string; value: string; onChange(v: string): void; autoFocus?: boolean }) {
  const problem = value.trim() ? imageRefProblem(value) : null;
  return (
    <Field label={label} error={problem}>
      <input className="input mono" value={value} onChange={(e) => onChange(e.target.value)} placeholder="registry:5000/team/app:tag" spellCheck={false} autoFocus={autoFocus} aria-invalid={problem !== null} />
    </Field>
  );
}

function PullDialog({ initial }: { initial: string }) {
  const [ref, setRef] = useState(initial);
  const [engineId, setEngineId] = useDialogEngine();
  const valid = ref.trim() !== '' && imageRefProblem(ref) === null;
  const submit = () => {
    if (!valid) return;
    startPull(ref.trim(), engineId);
    closeImageDialog();
  };
  return (
    <ImageDialogFrame
      title="Pull an image"
      form
      onConfirm={submit}
      confirm={{ label: <><Download size={14} /> Pull</>, disabled: !valid }}
    >
      <EngineChoice value={engineId} onChange={setEngineId} />
      <RefField label="Image" value={ref} onChange={setRef} autoFocus />
      <p className="dialog-hint">Progress shows in the operations panel; several pulls can run at once. Credentials come from the registries you logged in to.</p>
    </ImageDialogFrame>
  );
}

function TagDialog({ image }: { image: ImageSummary }) {
  const [ref, setRef] = useState(image.repoTags[0] ?? '');
  const { busy, error, run } = useSubmit();
  const valid = ref.trim() !== '' && imageRefProblem(ref) === null;
  const submit = () => {
    if (!valid || busy) return;
    void run('Tagging…', async () => {
      await berth.images.tag({ engineId: image.engineId, id: image.id, ref: ref.trim() });
      toast.success('Tagged', `${shortImageId(image.id)} is now also ${ref.trim()}.`);
      closeImageDialog();
    });
  };
  return (
    <ImageDialogFrame
      title={`Tag ${nameOf(image)}`}
      form
      onConfirm={submit}
      confirm={{ label: <><Tag size={14} /> Add tag</>, disabled: !valid || !!busy }}
      error={error}
    >
      <RefField label="New name" value={ref} onChange={setRef} autoFocus />
    </ImageDialogFrame>
  );
}

function PushDialog({ image }: { image: ImageSummary }) {
  const [ref, setRef] = useState(image.repoTags[0] ?? '');
  const valid = ref.trim() !== '' && imageRefProblem(ref) === null;
  const submit = () => {
    if (!valid) return;
    startPush(ref.trim(), image.engineId);
    closeImageDialog();
  };
  return (
    <ImageDialogFrame
      title={`Push ${nameOf(image)}`}
      form
      onConfirm={submit}
      confirm={{ label: <><Upload size={14} /> Push</>, disabled: !valid }}
    >
      {image.repoTags.length > 1 ? (
        <Field label="Tag to push">
          <select className="select" value={ref} onChange={(e) => setRef(e.target.value)}>
            {image.repoTags.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </Field>
      ) : (
        <RefField label="Tag to push" value={ref} onChange={setRef} autoFocus />
      )}
      <p className="dialog-hint">The registry is the first part of the name (none means Docker Hub). Tag the image with the registry's address first to push it there.</p>
    </ImageDialogFrame>
  );
}

function RemoveImageDialog({ image, target }: { image: ImageSummary; target: string }) {
  const asked = useQuery<ImageRemovalPlan>(() => berth.images.planRemoval({ engineId: image.engineId, id: target }), JSON.stringify([image.engineId, target]));
  const plan = asked.data;
  const error = asked.error;
  const [force, setForce] = useState(false);
  const items = useMemo<ConfirmItem[]>(() => {
    if (!plan) return [];
    const out: ConfirmItem[] = plan.untags.map((t) => ({ key: `tag:${t}`, label: t, detail: 'tag removed', effect: 'lost' }));
    if (plan.deletesImage) {
      out.push({ key: 'image', label: `Image ${shortImageId(plan.image.id)}`, detail: `${formatBytes(plan.image.size)}, layers no other image uses`, effect: 'lost' });
    } else {
      const kept = plan.image.repoTags.filter((t) => !plan.untags.includes(t));
      out.push({ key: 'image', label: `Image ${shortImageId(plan.image.id)}`, detail: `kept: still tagged ${kept.join(', ')}`, effect: 'kept' });
    }
    for (const c of plan.containers) {
      out.push({
        key: `c:${c.id}`,
        label: `Container ${c.name} (${c.state})`,
        detail: plan.deletesImage ? (c.state === 'running' ? 'uses this image: stop it first, even force cannot remove it' : 'uses this image: it blocks removal unless forced') : 'uses this image',
        effect: plan.deletesImage ? 'note' : 'kept',
      });
    }
    return out;
  }, [plan]);
  const blocked = !!plan && plan.deletesImage && plan.containers.length > 0;
  const confirm = () => {
    berth.images.remove({ engineId: image.engineId, id: target, force }).then(
      () => {
        toast.success('Removed', plan?.deletesImage ? `${target} and its layers are gone.` : `Tag ${target} removed.`);
        closeImageDialog();
      },
      (e) => toast.error(`Could not remove ${target}`, errorMessage(e)),
    );
  };
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && closeImageDialog()}
      title={plan && !plan.deletesImage ? `Remove the tag ${target}?` : `Remove ${nameOf(image)}?`}
      items={items}
      loading={!plan && !error}
      error={error}
      options={blocked ? [{ id: 'force', label: 'Force (untag and remove even though containers use it)', checked: force, onChange: setForce }] : []}
      confirmLabel={plan && !plan.deletesImage ? 'Remove tag' : 'Remove image'}
      onConfirm={confirm}
    />
  );
}

function HistoryDialog({ image }: { image: ImageSummary }) {
  const [layers, setLayers] = useState<ImageLayer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    berth.images.history({ engineId: image.engineId, id: image.id }).then(setLayers, (e) => setError(errorMessage(e)));
  }, [image.engineId, image.id]);
  const shares = useMemo(() => layerShares((layers ?? []).map((l) => l.size)), [layers]);
  const biggest = useMemo(() => biggestLayers((layers ?? []).map((l) => l.size)), [layers]);
  const now = Date.now();
  return (
    <ImageDialogFrame
      title={`Layers of ${nameOf(image)}`}
      size="xl"
      testId="image-history"
      footer={
        <button type="button" className="btn" onClick={closeImageDialog}>
          Close
        </button>
      }
    >
      {error && <p className="dialog-error">{error}</p>}
      {!layers && !error && (
        <p className="dialog-loading">
          <LoaderCircle size={16} className="spin" /> Reading the history…
        </p>
      )}
      {layers && (
        <>
          <p className="dialog-hint">
            {layers.length} steps, {layers.filter((l) => !l.empty).length} with files · {formatBytes(image.size)} in all · newest first
          </p>
          <ol className="layer-list">
            {layers.map((l, i) => (
              <li key={i} className={l.empty ? 'layer empty' : biggest.has(i) ? 'layer biggest' : 'layer'} data-testid="image-layer" data-size={l.size} data-biggest={biggest.get(i)}>
                <div className="layer-bar" aria-hidden>
                  <span style={{ width: `${Math.max(l.empty ? 0 : 1, shares[i]! * 100)}%` }} />
                </div>
                <code className="layer-command" title={l.createdBy}>
                  {l.createdBy || '(no instruction recorded)'}
                </code>
                <span className="layer-size">
                  {biggest.has(i) && <span className="badge layer-biggest" title="One of the layers that make this image big: the instruction beside it made it">#{biggest.get(i)}</span>}{' '}
                  {l.empty ? 'empty' : formatBytes(l.size)}
                </span>
                <span className="layer-age">{formatRelativeTime(l.created, now)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </ImageDialogFrame>
  );
}

function PruneDialog() {
  const [engineId, setEngineId] = useDialogEngine();
  const [all, setAll] = useState(false);
  const [label, setLabel] = useState('');
  const [result, setResult] = useState<ImagePruneResult | null>(null);
  const labelValid = label === '' || /^[^=\s]+(=\S*)?$/.test(label);
  // The label is typed letter by letter: ask once it rests.
  const asked = useQuery<PrunePlan>(labelValid ? () => berth.images.planPrune({ engineId, all, ...(label ? { label } : {}) }) : null, JSON.stringify([engineId, all, label]), { delayMs: 250 });
  const plan = asked.data;
  const error = asked.error;
  const prune = () => {
    berth.images.prune({ engineId, all, ...(label ? { label } : {}) }).then(
      (r) => {
        setResult(r);
        toast.success('Pruned images', `${r.deleted.length} layers and images removed, ${formatBytes(r.reclaimed)} reclaimed.`);
      },
      (e) => toast.error('Could not prune images', errorMessage(e)),
    );
  };
  if (result) {
    return (
      <ImageDialogFrame
        title="Images pruned"
        testId="prune-result"
        footer={
          <button type="button" className="btn btn-primary" onClick={closeImageDialog}>
            Close
          </button>
        }
      >
        <p className="prune-reclaimed" data-testid="prune-reclaimed">
          {formatBytes(result.reclaimed)} reclaimed
        </p>
        <p className="dialog-hint">
          {result.untagged.length} tags removed, {result.deleted.length} images and layers deleted.
        </p>
      </ImageDialogFrame>
    );
  }
  const items: ConfirmItem[] = (plan?.images ?? []).map((i) => ({
    key: i.id,
    label: i.repoTags.length ? i.repoTags.join(', ') : `<none> ${shortImageId(i.id)}`,
    detail: `${formatBytes(i.size)} · created ${formatRelativeTime(i.created, Date.now())}`,
    effect: 'lost',
  }));
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && closeImageDialog()}
      title={all ? 'Remove all unused images?' : 'Remove dangling images?'}
      description={
        <div className="prune-controls">
          <EngineChoice value={engineId} onChange={setEngineId} />
          <div className="segmented" role="group" aria-label="What to prune">
            <button type="button" aria-pressed={!all} onClick={() => setAll(false)}>
              Dangling only
            </button>
            <button type="button" aria-pressed={all} onClick={() => setAll(true)}>
              All unused
            </button>
          </div>
          <input
            className="input"
            placeholder="only with label (key or key=value)"
            aria-label="Only images with this label"
            value={label}
            onChange={(e) => setLabel(e.target.value.trim())}
            aria-invalid={!labelValid}
          />
          {plan && (
            <p className="prune-summary" data-testid="prune-summary" data-count={plan.images.length}>
              {plan.images.length === 0
                ? 'Nothing to prune: every image is tagged or used by a container.'
                : `${countOf(plan.images.length, 'image')} · frees at least ${formatBytes(plan.bytes)} (layers other images share stay)`}
            </p>
          )}
        </div>
      }
      items={items}
      loading={!plan && !error}
      error={error ?? (labelValid ? null : 'A label filter is key or key=value, without spaces.')}
      confirmLabel={plan ? `Prune ${countOf(plan.images.length, 'image')}` : 'Prune'}
      onConfirm={() => plan && plan.images.length > 0 && prune()}
    />
  );
}

function SaveLoadDialog({ image }: { image?: ImageSummary | undefined }) {
  const [engineId, setEngineId] = useDialogEngine(image?.engineId);
  const [savePath, setSavePathRaw] = useState(image ? `/tmp/${(image.repoTags[0] ?? shortImageId(image.id)).replace(/[/:]/g, '_')}.tar` : '');
  const [loadPath, setLoadPath] = useState('');
  const [busy, setBusy] = useState(false);
  /** The path main refused to replace: the dialog asks, and only a second Save with it confirmed replaces the file. */
  const [existing, setExisting] = useState<string | null>(null);
  const setSavePath = (p: string) => {
    setSavePathRaw(p);
    setExisting(null);
  };
  const run = (what: Promise<string>) => {
    setBusy(true);
    what.then(
      (message) => {
        toast.success(message);
        closeImageDialog();
      },
      (e) => {
        setBusy(false);
        if (isExistsConflict(e)) setExisting(savePath);
        else toast.error('Could not finish', errorMessage(e));
      },
    );
  };
  const replacing = image !== undefined && existing === savePath;
  return (
    <ImageDialogFrame
      title={image ? `Save ${nameOf(image)} to a file` : 'Load images from a file'}
      form
      onConfirm={() =>
        image
          ? run(
              berth.images
                .save({ engineId, ids: [image.repoTags[0] ?? image.id], path: savePath, overwrite: replacing })
                .then((r) => `Saved ${formatBytes(r.bytes)} to ${r.path}${replacing ? ' (replaced the old file)' : ''}`),
            )
          : run(berth.images.load({ engineId, path: loadPath }).then((r) => `Loaded ${r.loaded.join(', ') || 'nothing new'}`))
      }
      confirm={{
        label: <>{busy && <LoaderCircle size={14} className="spin" />} {image ? (replacing ? 'Replace file' : 'Save') : 'Load'}</>,
        disabled: busy || !(image ? savePath : loadPath),
        ...(replacing ? { danger: true } : {}),
      }}
    >
      {!image && <EngineChoice value={engineId} onChange={setEngineId} />}
      <div className="image-field">
        <label htmlFor="image-tar-path">{image ? 'Tar file to write (on the machine Berth runs on)' : 'Tar file to load (as written by docker save)'}</label>
        {image ? (
          <PathInput id="image-tar-path" mode="file" saveName={savePath.slice(savePath.lastIndexOf('/') + 1) || 'image.tar'} filter={['*.tar']} filterLabel="tar files" value={savePath} onChange={setSavePath} autoFocus pickerTitle="Save the image to" />
        ) : (
          <PathInput id="image-tar-path" mode="file" filter={['*.tar', '*.tar.gz', '*.tgz']} filterLabel="tar files" value={loadPath} onChange={setLoadPath} autoFocus pickerTitle="Choose a tar file to load" />
        )}
      </div>
      {replacing && (
        <p className="image-save-exists" role="alert" data-testid="image-save-exists">
          <TriangleAlert size={14} aria-hidden /> {savePath} already exists. Replace file writes the image over it; what the file holds now is lost.
          Change the path to keep it.
        </p>
      )}
    </ImageDialogFrame>
  );
}

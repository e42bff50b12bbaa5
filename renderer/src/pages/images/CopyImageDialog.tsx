import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { BerthErrorShape, CopyImageMessage, EngineStatus, ImageSummary, Unsubscribe } from '../../../../preload/contract';
import { berth } from '../../api';
import { DialogFrame } from '../../components/DialogFrame';
import { Field } from '../../components/Field';
import { EngineSelect } from '../../components/EngineChoice';
import { engineName, useEngines } from '../../data/engines';
import { formatBytes } from '../../format/bytes';
import { toast } from '../../stores/toast-store';

/** Which image the "Copy to engine…" dialog is open for (from an image's row menu). */
const useCopyImage = create<{ image: ImageSummary | null }>()(() => ({ image: null }));

export function openCopyImageDialog(image: ImageSummary): void {
  useCopyImage.setState({ image });
}

/** Mounted once in the app shell: the dialog, while an image is chosen. */
export function CopyImageDialogHost() {
  const image = useCopyImage((s) => s.image);
  if (!image) return null;
  return <CopyImageDialog key={`${image.engineId}/${image.id}`} image={image} onClose={() => useCopyImage.setState({ image: null })} />;
}

/** Whether two engines are one daemon (main marks the second route with sameAs): a copy there would change nothing. */
function sameDaemon(a: EngineStatus, b: EngineStatus): boolean {
  if (a.sameAs === b.engineId || b.sameAs === a.engineId || (a.sameAs !== undefined && a.sameAs === b.sameAs)) return true;
  return !!a.info?.daemonId && a.info.daemonId === b.info?.daemonId && a.info.name === b.info?.name;
}

/**
 * Copies an image to another engine (images.copyToEngine): the engines to choose from are the other connected
 * ones that are not the same daemon; while it runs, the bytes so far against the image's size, and Cancel stops it
 * on both engines.
 */
function CopyImageDialog({ image, onClose }: { image: ImageSummary; onClose(): void }) {
  const statuses = useEngines((s) => s.statuses);
  const source = statuses.find((s) => s.engineId === image.engineId);
  const targets = statuses.filter((s) => s.engineId !== image.engineId && s.enabled !== false && s.state === 'connected' && !(source && sameDaemon(source, s)));
  const [target, setTarget] = useState(targets[0]?.engineId ?? '');
  const [progress, setProgress] = useState<{ bytes: number; totalBytes: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<Unsubscribe | null>(null);
  const ref = image.repoTags[0] ?? image.id;
  const targetName = engineName(statuses.find((s) => s.engineId === target), target);

  useEffect(() => () => running.current?.(), []);

  const start = () => {
    if (!target) return;
    setError(null);
    setProgress({ bytes: 0, totalBytes: image.size || null });
    running.current = berth.images.copyToEngine(
      { engineId: image.engineId, id: ref, targetEngineId: target },
      {
        next: (m: CopyImageMessage) => {
          if (m.type === 'progress') setProgress({ bytes: m.bytes, totalBytes: m.totalBytes });
          if (m.type === 'done') {
            running.current = null;
            toast.success(`Copied ${ref}`, `${formatBytes(m.bytes)} to ${targetName}${m.loaded.length ? `: ${m.loaded.join(', ')}` : ''}.`);
            onClose();
          }
        },
        error: (e: BerthErrorShape) => {
          running.current = null;
          setProgress(null);
          setError(e.message);
        },
        complete: () => {
          running.current = null;
        },
      },
    );
  };

  const cancel = () => {
    running.current?.();
    running.current = null;
    setProgress(null);
  };

  const busy = progress !== null;
  return (
    <DialogFrame
      onOpenChange={(open) => !open && !busy && onClose()}
      title={`Copy ${ref} to another engine`}
      description={`The image goes from ${engineName(source, image.engineId)} straight to the engine you choose (docker save into docker load), with no file in between.`}
      confirm={{ label: busy ? 'Copying…' : 'Copy', disabled: !target }}
      onConfirm={start}
      busy={busy}
      onCancelBusy={cancel}
      error={error}
      testId="copy-image-dialog"
      status={
        busy ? (
          <span data-testid="copy-image-progress">
            {formatBytes(progress.bytes)}
            {progress.totalBytes ? ` of about ${formatBytes(progress.totalBytes)}` : ''} copied to {targetName}
          </span>
        ) : undefined
      }
    >
      {targets.length === 0 ? (
        <p className="muted">There is no other engine to copy to: add one in Settings → Engines, or connect one (an engine that is the same daemon, reached another way, already has this image).</p>
      ) : (
        <Field label="Copy to engine" hint="Engines that are this one reached another way are not listed: they already have the image.">
          <EngineSelect engines={targets} value={target} disabled={busy} onChange={setTarget} />
        </Field>
      )}
      {busy && progress.totalBytes ? (
        <progress style={{ width: '100%' }} max={progress.totalBytes} value={Math.min(progress.bytes, progress.totalBytes)} aria-label="Copied so far" />
      ) : null}
    </DialogFrame>
  );
}

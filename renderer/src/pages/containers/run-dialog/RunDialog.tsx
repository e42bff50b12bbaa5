import * as Dialog from '@radix-ui/react-dialog';
import { LoaderCircle, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunChoices } from '../../../../../preload/contract';
import { emptyRunSpec } from '../../../../../preload/contract/run-spec';
import { berth } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import '../../../components/dialog.css';
import { errorMessage } from '../../../format/error-message';
import { EngineSelect } from '../../../components/EngineChoice';
import { usePrimaryEngine } from '../../../data/engines';
import { useEngineNames, useEnabledEngines } from '../../../data/scope';
import { toast } from '../../../stores/toast-store';
import type { ContainerRef } from '../container-dialogs-store';
import { RecreateConfirm } from './RecreateConfirm';
import { formErrors, formFromSpec, toSpecInput, type RunForm } from './run-form';
import { RunFields } from './RunFields';
import { RunPreview } from './RunPreview';
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
                <EngineSelect engines={engines} label="Engine" value={engineId} onChange={setEngineId} />
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

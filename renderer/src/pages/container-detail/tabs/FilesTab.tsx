import { Download, LoaderCircle, RefreshCw, Upload, X } from 'lucide-react';
import { useCallback, useRef, useState } from 'react';
import type { FileContent, FileEntry } from '../../../../../preload/contract';
import { berth } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { formatBytes } from '../../../format/bytes';
import { errorMessage } from '../../../format/error-message';
import { toast } from '../../../stores/toast-store';
import type { DetailTabProps } from '../detail-tabs';
import { downloadFromContainer, isExistsConflict, uploadToContainer } from './file-transfer';
import { FileTable } from './FileTable';
import { FolderPath } from './FolderPath';
import { TabMessage } from './TabMessage';
import { useQuery } from '../../../hooks/use-query';
import './detail-views.css';

type Viewing = { entry: FileEntry; content: FileContent | null; error: string | null };

/**
 * The container's filesystem through the engine's archive API: works in stopped containers and images without a
 * shell. Browse folders, view text files (capped), download files or folders, upload a file into the current folder.
 */
export function FilesTab({ container }: DetailTabProps) {
  const [path, setPath] = useState('/');
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [replace, setReplace] = useState<{ file: File; existing: FileEntry } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const load = useCallback(() => berth.containerDetails.files.list({ engineId: container.engineId, id: container.id, path }), [container.engineId, container.id, path]);
  const query = useQuery(load, `${container.id} ${path}`, { keep: true });
  const listing = query.data && (query.data.path === path || query.data.linkedFrom === path) ? query.data : null;

  const open = async (entry: FileEntry) => {
    if (entry.kind === 'directory') {
      setViewing(null);
      setPath(entry.path);
      return;
    }
    if (entry.kind === 'symlink') {
      // A link to a folder is browsed, a link to a file is viewed; main follows the link either way.
      try {
        const target = await berth.containerDetails.files.list({ engineId: container.engineId, id: container.id, path: entry.path });
        setViewing(null);
        setPath(target.linkedFrom ?? target.path);
        return;
      } catch {
        // not a folder: view it
      }
    }
    setViewing({ entry, content: null, error: null });
    try {
      const content = await berth.containerDetails.files.read({ engineId: container.engineId, id: container.id, path: entry.path });
      setViewing((v) => (v?.entry.path === entry.path ? { entry, content, error: null } : v));
    } catch (err) {
      setViewing((v) => (v?.entry.path === entry.path ? { entry, content: null, error: errorMessage(err) } : v));
    }
  };

  const download = async (target: string) => {
    setBusy(`Downloading ${target}…`);
    try {
      await downloadFromContainer(container, target);
    } catch (err) {
      toast.error(`Could not download ${target}`, errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File, overwrite: boolean) => {
    setReplace(null);
    const folder = listing?.path ?? path;
    setBusy(`Uploading ${file.name}…`);
    try {
      await uploadToContainer(container, folder, file, overwrite, (sent, total) =>
        setBusy(`Uploading ${file.name}… ${Math.floor((sent / Math.max(1, total)) * 100)}%`),
      );
      toast.success(`Uploaded ${file.name}`, `into ${folder} in ${container.name}`);
      query.reload();
    } catch (err) {
      if (isExistsConflict(err)) {
        const existing = listing?.entries.find((e) => e.name === file.name);
        setReplace({ file, existing: existing ?? { name: file.name, path: folder, kind: 'file', size: 0, mode: 0, modified: 0 } });
      } else toast.error(`Could not upload ${file.name}`, errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const pickUpload = (file: File | undefined) => {
    if (!file) return;
    const existing = listing?.entries.find((e) => e.name === file.name);
    if (existing) setReplace({ file, existing });
    else void upload(file, false);
  };

  const shownPath = listing?.path ?? path;
  return (
    <div className="detail-view files" data-testid="files-tab">
      <div className="detail-toolbar">
        <FolderPath path={shownPath} onGo={setPath} />
        {listing?.linkedFrom && <span className="muted">(via link {listing.linkedFrom})</span>}
        <span className="toolbar-spacer" />
        {busy && (
          <span className="muted busy" role="status">
            <LoaderCircle size={14} className="spin" aria-hidden /> {busy}
          </span>
        )}
        <button type="button" className="btn" onClick={() => fileInput.current?.click()} disabled={!!busy || !listing}>
          <Upload size={14} /> Upload file
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-label="File to upload"
          onChange={(e) => {
            pickUpload(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <button type="button" className="btn" onClick={() => void download(shownPath)} disabled={!!busy || !listing} title="Download this folder as a .tar archive">
          <Download size={14} /> Download folder
        </button>
        <button type="button" className="icon-btn" aria-label="Refresh" title="Refresh" onClick={query.reload}>
          <RefreshCw size={14} className={query.loading ? 'spin' : undefined} />
        </button>
      </div>
      {listing?.truncated && (
        <p className="detail-message tone-warning">This folder’s tree is very large; Berth stopped walking it, so some entries may be missing.</p>
      )}
      <div className={`files-split${viewing ? ' with-viewer' : ''}`}>
        <div className="files-list table-scroll">
          {!listing ? (
            <TabMessage loading={query.loading} error={query.error} onRetry={query.reload} />
          ) : listing.entries.length === 0 ? (
            <TabMessage>
              <p>This folder is empty.</p>
            </TabMessage>
          ) : (
            <FileTable entries={listing.entries} selectedPath={viewing?.entry.path} onOpen={(e) => void open(e)} onDownload={(path) => void download(path)} downloadDisabled={!!busy} />
          )}
        </div>
        {viewing && <FileViewer viewing={viewing} onClose={() => setViewing(null)} onDownload={() => void download(viewing.entry.path)} />}
      </div>
      <ConfirmDialog
        open={replace !== null}
        onOpenChange={(o) => !o && setReplace(null)}
        title={`Replace ${replace?.file.name ?? ''}?`}
        description={
          <>
            A file named <strong>{replace?.file.name}</strong> already exists in <span className="mono">{listing?.path ?? path}</span>.
          </>
        }
        items={
          replace
            ? [
                { key: 'old', effect: 'lost', label: `The current ${replace.existing.path}`, detail: replace.existing.size ? formatBytes(replace.existing.size) : undefined },
                { key: 'new', effect: 'note', label: `Replaced by ${replace.file.name}`, detail: formatBytes(replace.file.size) },
              ]
            : []
        }
        confirmLabel="Replace file"
        onConfirm={() => replace && void upload(replace.file, true)}
      />
    </div>
  );
}

function FileViewer({ viewing, onClose, onDownload }: { viewing: Viewing; onClose(): void; onDownload(): void }) {
  const { entry, content, error } = viewing;
  return (
    <section className="file-viewer" aria-label={`Contents of ${entry.name}`} data-testid="file-viewer">
      <header>
        <span className="mono viewer-path" title={content?.path ?? entry.path}>
          {content?.path ?? entry.path}
        </span>
        {content && <span className="muted">{formatBytes(content.size)}</span>}
        <span className="toolbar-spacer" />
        <button type="button" className="icon-btn" aria-label={`Download ${entry.name}`} title="Download" onClick={onDownload}>
          <Download size={14} />
        </button>
        <button type="button" className="icon-btn" aria-label="Close file" title="Close" onClick={onClose}>
          <X size={14} />
        </button>
      </header>
      {error ? (
        <p className="detail-message tone-danger" role="alert">
          {error}
        </p>
      ) : !content ? (
        <p className="muted viewer-message" role="status">
          <LoaderCircle size={14} className="spin" aria-hidden /> Loading…
        </p>
      ) : content.kind === 'text' ? (
        <pre className="file-text" data-testid="file-text">
          {content.text}
        </pre>
      ) : (
        <div className="viewer-message">
          <p>
            {content.kind === 'binary'
              ? 'Binary file: not shown as text.'
              : `This file is ${formatBytes(content.size)}; Berth shows files up to ${formatBytes(content.limit)}.`}
          </p>
          <button type="button" className="btn" onClick={onDownload}>
            <Download size={14} /> Download instead
          </button>
        </div>
      )}
    </section>
  );
}

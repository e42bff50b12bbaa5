import { Download, Folder, LoaderCircle, X } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { FileContent, FileEntry, FolderListing } from '../../../../preload/contract';
import { berth } from '../../api';
import { formatBytes } from '../../format/bytes';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { FileTable } from '../container-detail/tabs/FileTable';
import { FolderPath } from '../container-detail/tabs/FolderPath';
import '../container-detail/tabs/detail-views.css';

/** Streams a file (or a folder as .tar) out of the volume and saves it through a temporary link, like the Files tab. */
function downloadFromVolume(engineId: string, volume: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let fileName = 'download';
    berth.volumes.files.download(
      { engineId, name: volume, path },
      {
        next: (m) => (m.type === 'start' ? (fileName = m.fileName) : parts.push(new Uint8Array(m.data))),
        error: reject,
        complete() {
          const url = URL.createObjectURL(new Blob(parts));
          const a = document.createElement('a');
          a.href = url;
          a.download = fileName;
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 60_000);
          resolve(fileName);
        },
      },
    );
  });
}

/** A volume's files, read-only, through a short-lived helper main keeps while you browse. */
export function VolumeBrowser({ engineId, volume, onClose }: { engineId: string; volume: string; onClose(): void }) {
  const [path, setPath] = useState('/');
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<{ entry: FileEntry; content: FileContent | null } | null>(null);

  const load = useCallback(async (p: string) => {
    setError(null);
    try {
      setListing(await berth.volumes.files.list({ engineId, name: volume, path: p }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [engineId, volume]);
  useEffect(() => void load(path), [load, path]);

  const open = async (e: FileEntry) => {
    if (e.kind === 'directory') return setPath(e.path);
    setViewing({ entry: e, content: null });
    try {
      const content = await berth.volumes.files.read({ engineId, name: volume, path: e.path });
      setViewing((v) => (v?.entry.path === e.path ? { entry: e, content } : v));
    } catch (err) {
      toast.error(`Could not open ${e.name}`, errorMessage(err));
      setViewing(null);
    }
  };
  const download = (p: string) => downloadFromVolume(engineId, volume, p).catch((err: unknown) => toast.error(`Could not download ${p}`, errorMessage(err)));

  const shown = listing?.path ?? path;
  return (
    <aside className="resource-panel" aria-label={`Files of ${volume}`} data-testid="volume-browser">
      <header className="resource-panel-header">
        <h2>
          <Folder size={15} aria-hidden /> {volume}
        </h2>
        <span className="muted">read-only</span>
        <span className="toolbar-spacer" />
        <button type="button" className="icon-btn" aria-label="Close files" onClick={onClose}>
          <X size={15} />
        </button>
      </header>
      <div className="detail-toolbar">
        <FolderPath path={shown} onGo={setPath} />
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => void download(shown)} title="Download this folder as a .tar archive">
          <Download size={14} /> Download folder
        </button>
      </div>
      <div className="resource-panel-body">
        {error ? (
          <p className="dialog-error" role="alert">{error}</p>
        ) : !listing ? (
          <p className="muted"><LoaderCircle size={14} className="spin" /> Reading…</p>
        ) : listing.entries.length === 0 ? (
          <p className="muted">This folder is empty.</p>
        ) : (
          <FileTable entries={listing.entries} selectedPath={viewing?.entry.path} onOpen={(e) => void open(e)} onDownload={(path) => void download(path)} />
        )}
        {viewing && (
          <section className="volume-viewer" aria-label={`Contents of ${viewing.entry.name}`}>
            <header>
              <strong>{viewing.entry.path}</strong>
              <button type="button" className="icon-btn" aria-label="Close file" onClick={() => setViewing(null)}><X size={14} /></button>
            </header>
            {!viewing.content ? (
              <p className="muted">Reading…</p>
            ) : viewing.content.kind === 'text' ? (
              <pre className="file-text" data-testid="file-text">{viewing.content.text}</pre>
            ) : (
              <p className="muted">
                {viewing.content.kind === 'binary' ? 'A binary file' : 'Too large to show'} ({formatBytes(viewing.content.size)}).{' '}
                <button type="button" className="btn" onClick={() => void download(viewing.entry.path)}><Download size={14} /> Download</button>
              </p>
            )}
          </section>
        )}
      </div>
    </aside>
  );
}

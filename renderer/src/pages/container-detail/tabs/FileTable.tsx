import { Download, File, FileSymlink, Folder } from 'lucide-react';
import type { FileEntry } from '../../../../../preload/contract';
import { formatBytes } from '../../../format/bytes';
import { formatDateTime, modeString } from './detail-format';
import './detail-views.css';

interface FileTableProps {
  entries: readonly FileEntry[];
  /** The entry shown beside the table, marked as selected. */
  selectedPath: string | undefined;
  onOpen(entry: FileEntry): void;
  onDownload(path: string): void;
  downloadDisabled?: boolean;
}

/** A folder's entries (name, size, mode, modified, download), for the container's Files tab and the volume browser. */
export function FileTable({ entries, selectedPath, onOpen, onDownload, downloadDisabled = false }: FileTableProps) {
  return (
    <table className="mini-table files-table">
      <thead>
        <tr>
          <th>Name</th>
          <th className="num">Size</th>
          <th>Mode</th>
          <th>Modified</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.name} data-testid="file-row" data-name={e.name} data-kind={e.kind} className={selectedPath === e.path ? 'selected' : undefined}>
            <td>
              <button type="button" className="btn-plain file-name" onClick={() => onOpen(e)} title={e.path}>
                <EntryIcon entry={e} />
                <span>{e.name}</span>
                {e.linkTarget && (
                  <span className="link-target muted">
                    {e.kind === 'hardlink' ? '⇒' : '→'} {e.linkTarget}
                  </span>
                )}
              </button>
            </td>
            <td className="num">{e.kind === 'file' ? formatBytes(e.size) : ''}</td>
            <td className="mono muted">{modeString(e.kind, e.mode)}</td>
            <td className="muted">{formatDateTime(e.modified)}</td>
            <td className="row-actions">
              <button type="button" className="icon-btn" aria-label={`Download ${e.name}`} title={e.kind === 'directory' ? 'Download as .tar' : 'Download'} onClick={() => onDownload(e.path)} disabled={downloadDisabled}>
                <Download size={14} />
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The entry's kind at a glance; decoration only, so an entry's button is named by the entry alone. */
function EntryIcon({ entry }: { entry: FileEntry }) {
  if (entry.kind === 'directory') return <Folder size={15} className="icon-folder" aria-hidden />;
  if (entry.kind === 'symlink') return <FileSymlink size={15} className="icon-link" aria-hidden />;
  return <File size={15} className="icon-file" aria-hidden />;
}

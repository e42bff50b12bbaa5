import { ArrowUp } from 'lucide-react';
import { breadcrumbs, parentPath } from './detail-format';
import './detail-views.css';

/** The folder a file browser shows: a Parent folder button and the path as breadcrumbs, each one a way back up. */
export function FolderPath({ path, onGo }: { path: string; onGo(path: string): void }) {
  return (
    <>
      <button type="button" className="icon-btn" aria-label="Parent folder" title="Parent folder" disabled={path === '/'} onClick={() => onGo(parentPath(path))}>
        <ArrowUp size={15} />
      </button>
      <nav className="breadcrumbs" aria-label="Path">
        {breadcrumbs(path).map((b, i, all) => (
          <span key={b.path}>
            {i > 1 && <span className="crumb-sep">/</span>}
            {i === all.length - 1 ? (
              <span className="crumb current" aria-current="location">
                {b.label}
              </span>
            ) : (
              <button type="button" className="crumb" onClick={() => onGo(b.path)}>
                {b.label}
              </button>
            )}
          </span>
        ))}
      </nav>
    </>
  );
}

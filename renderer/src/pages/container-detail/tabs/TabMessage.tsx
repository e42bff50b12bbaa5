import { LoaderCircle, RefreshCw } from 'lucide-react';
import type { ReactNode } from 'react';

/** What a detail tab shows instead of its content: loading, an error with a retry, or a plain explanation. */
export function TabMessage({ loading, error, onRetry, children }: { loading?: boolean; error?: string | null; onRetry?(): void; children?: ReactNode }) {
  if (error) {
    return (
      <div className="page-center" role="alert">
        <h2>Could not load this view</h2>
        <p>{error}</p>
        {onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            <RefreshCw size={14} /> Try again
          </button>
        )}
      </div>
    );
  }
  if (loading) {
    return (
      <div className="page-center" role="status">
        <LoaderCircle size={20} className="spin" aria-hidden /> Loading…
      </div>
    );
  }
  return <div className="page-center">{children}</div>;
}

/** The Refresh button of a tab's toolbar; spins while its request runs. */
export function RefreshButton({ loading, onClick }: { loading: boolean; onClick(): void }) {
  return (
    <button type="button" className="btn" onClick={onClick} disabled={loading}>
      <RefreshCw size={14} className={loading ? 'spin' : undefined} /> Refresh
    </button>
  );
}

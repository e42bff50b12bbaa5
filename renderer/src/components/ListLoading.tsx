import { LoaderCircle } from 'lucide-react';
import './page.css';

/**
 * What a live list's page shows before its first snapshot: "Loading images…", or, when the stream failed before
 * one arrived, why (the stream retries by itself).
 */
export function ListLoading({ what, error }: { what: string; error: string | null | undefined }) {
  if (error) {
    return (
      <div className="page-center" role="alert">
        <h2>Could not load {what}</h2>
        <p>{error} Retrying…</p>
      </div>
    );
  }
  return (
    <div className="page-center" role="status">
      <LoaderCircle size={20} className="spin" aria-hidden />
      Loading {what}…
    </div>
  );
}

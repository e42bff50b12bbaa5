import { Eye, EyeOff, ShieldAlert } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { CodeEditor } from './CodeEditor';
import { inspectText } from './inspect-text';
import { countOf } from '../format/count';
import './inspect-json.css';

/**
 * An engine's inspect answer in a read-only editor (fold, Ctrl/Cmd+F), its secret-looking env values masked until
 * revealed, with a note that names them: the container Inspect tab and the image Inspect dialog.
 */
export function InspectJson({ raw, secretEnvNames, label, tools }: { raw: Record<string, unknown>; secretEnvNames: readonly string[]; label: string; tools?: ReactNode }) {
  const [revealed, setRevealed] = useState(false);
  const text = useMemo(() => inspectText(raw, revealed), [raw, revealed]);
  const n = secretEnvNames.length;
  return (
    <div className="inspect-json">
      <div className="inspect-json-toolbar">
        {n > 0 ? (
          <span className={`secret-note${revealed ? ' revealed' : ''}`} data-testid="secret-note">
            <ShieldAlert size={14} aria-hidden />
            {revealed ? `Showing ${countOf(n, 'secret value')}: ${secretEnvNames.join(', ')}` : `${countOf(n, 'secret-looking value')} hidden: ${secretEnvNames.join(', ')}`}
          </span>
        ) : (
          <span className="muted">No secret-looking environment values.</span>
        )}
        <span className="inspect-json-spacer" />
        {n > 0 && (
          <button type="button" className="btn" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed}>
            {revealed ? <EyeOff size={14} /> : <Eye size={14} />}
            {revealed ? 'Hide secrets' : 'Reveal secrets'}
          </button>
        )}
        {tools}
      </div>
      <CodeEditor value={text} language="json" readOnly ariaLabel={label} />
    </div>
  );
}

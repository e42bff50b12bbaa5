import { Copy, Eye, EyeOff } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { RunExport } from '../../../../../preload/contract';
import { berth } from '../../../api';
import { Segmented, type SegmentedOption } from '../../../components/Segmented';
import '../../../components/dialog.css';
import { errorMessage } from '../../../format/error-message';
import { toast } from '../../../stores/toast-store';
import { toSpecInput, type RunForm } from './run-form';
import './run-dialog.css';

type Preview = 'command' | 'compose';
const PREVIEWS: SegmentedOption<Preview>[] = [
  { id: 'command', label: 'docker run' },
  { id: 'compose', label: 'compose' },
];

/** The equivalent command (or compose service), refreshed as the form changes; secrets masked unless shown. */
export function RunPreview({ form, valid }: { form: RunForm; valid: boolean }) {
  const [tab, setTab] = useState<Preview>('command');
  const [preview, setPreview] = useState<RunExport | null>(null);
  const [showSecrets, setShowSecrets] = useState(false);

  useEffect(() => {
    if (!valid) return;
    let current = true;
    const timer = setTimeout(() => {
      berth.containers.previewRun({ spec: toSpecInput(form), maskSecrets: !showSecrets }).then(
        (p) => current && setPreview(p),
        () => undefined,
      );
    }, 80);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [form, valid, showSecrets]);

  const copy = async () => {
    try {
      const full = await berth.containers.previewRun({ spec: toSpecInput(form), maskSecrets: false });
      await navigator.clipboard.writeText(tab === 'command' ? full.command : full.compose);
      toast.success(tab === 'command' ? 'Copied the docker run command' : 'Copied the compose service');
    } catch (e) {
      toast.error('Could not copy', errorMessage(e));
    }
  };

  return (
    <div className={`run-preview${valid ? '' : ' stale'}`}>
      <div className="run-preview-bar">
        <Segmented options={PREVIEWS} value={tab} onChange={setTab} aria-label="Preview as" />
        {!valid && <span className="muted">fix the marked fields to update</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => setShowSecrets((s) => !s)}>
          {showSecrets ? <EyeOff size={13} /> : <Eye size={13} />} {showSecrets ? 'Hide secrets' : 'Show secrets'}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => void copy()} disabled={!valid}>
          <Copy size={13} /> Copy
        </button>
      </div>
      <pre className="run-preview-text mono" data-testid="run-preview" aria-label={tab === 'command' ? 'docker run command' : 'compose service'}>
        {preview ? (tab === 'command' ? preview.command : preview.compose) : ''}
      </pre>
    </div>
  );
}

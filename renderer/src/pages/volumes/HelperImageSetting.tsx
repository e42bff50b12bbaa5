import { AlertTriangle } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { HelperImageInfo } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import './resources.css';

/** The helper image choice: what is used, and a picker among suitable local images (never pulls). */
export function HelperImageSetting() {
  const [info, setInfo] = useState<HelperImageInfo | null>(null);
  const [custom, setCustom] = useState('');
  useEffect(() => {
    berth.volumes.helperImage({}).then(setInfo, () => undefined);
  }, []);
  const choose = async (image: string | null) => {
    try {
      setInfo(await berth.volumes.setHelperImage({ image }));
      toast.success(image ? `Helper image: ${image}` : 'Helper image: automatic');
    } catch (e) {
      toast.error('Could not set the helper image', errorMessage(e));
    }
  };
  return (
    <div className="helper-image-setting">
      <div className="settings-row">
        <span id="helper-image-label">Helper image</span>
        <select className="select" aria-labelledby="helper-image-label" value={info?.configured ?? ''} onChange={(e) => void choose(e.target.value || null)}>
          <option value="">Automatic{info?.effective && !info.configured ? ` (${info.effective})` : ''}</option>
          {info?.candidates.map((c) => <option key={c} value={c}>{c}</option>)}
          {info?.configured && !info.candidates.includes(info.configured) && <option value={info.configured}>{info.configured}</option>}
        </select>
        <input className="input" placeholder="or another local image" value={custom} onChange={(e) => setCustom(e.target.value)} aria-label="Other helper image" />
        <button type="button" className="btn" disabled={!custom} onClick={() => void choose(custom)}>Use</button>
      </div>
      <p className="settings-note">
        Browsing, backing up and restoring volumes runs a short-lived container from this local image (it needs sh and tar). Berth never pulls it.
      </p>
      {info?.problem && <p className="dialog-error" role="alert"><AlertTriangle size={14} /> {info.problem}</p>}
    </div>
  );
}

/** A one-line warning on the Volumes page when no helper image is usable. */
export function HelperImageNotice() {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    berth.volumes.helperImage({}).then((i) => setProblem(i.problem), () => undefined);
  }, []);
  if (!problem) return null;
  return (
    <span className="helper-notice" role="alert" title={problem}>
      <AlertTriangle size={14} /> No helper image: browse and backup need one. <a href="#/settings">Pick one in Settings</a>
    </span>
  );
}

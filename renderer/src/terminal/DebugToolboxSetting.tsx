import { useEffect, useRef, useState } from 'react';
import type { DebugToolboxInfo } from '../../../preload/contract';
import { berth } from '../api';
import { errorMessage } from '../format/error-message';
import { toast } from '../stores/toast-store';

/** The image debug shells start their helper from (busybox unless set); pulled the first time when it is not local. */
export function DebugToolboxSetting() {
  const [info, setInfo] = useState<DebugToolboxInfo | null>(null);
  const [value, setValue] = useState('');
  /** The user has typed: the setting's answer, when it comes later, must not replace what they typed. */
  const edited = useRef(false);
  useEffect(() => {
    berth.debugShell.toolbox({}).then(
      (i) => {
        setInfo(i);
        if (!edited.current) setValue(i.configured ?? '');
      },
      () => undefined,
    );
  }, []);
  const save = async (image: string | null) => {
    try {
      const next = await berth.debugShell.setToolbox({ image });
      setInfo(next);
      setValue(next.configured ?? '');
      toast.success(`Debug toolbox image: ${next.image}`);
    } catch (e) {
      toast.error('Could not set the debug toolbox image', errorMessage(e));
    }
  };
  const trimmed = value.trim();
  return (
    <section className="settings-section" data-testid="debug-toolbox-setting">
      <h2>Debug shell</h2>
      <form
        className="settings-row"
        onSubmit={(e) => {
          e.preventDefault();
          void save(trimmed || null);
        }}
      >
        <label htmlFor="debug-toolbox">Toolbox image</label>
        <input id="debug-toolbox" className="input mono" placeholder="busybox" value={value} onChange={(e) => {
            edited.current = true;
            setValue(e.target.value);
          }} spellCheck={false} />
        <button type="submit" className="btn" disabled={trimmed === (info?.configured ?? '')}>
          Use
        </button>
        {info?.configured && (
          <button type="button" className="btn-link" onClick={() => void save(null)}>
            Back to busybox
          </button>
        )}
      </form>
      <p className="settings-note">
        A debug shell (for containers without a shell) runs in a helper container from this image, beside the container. It needs sh and the tools
        you want (ps, ls, wget…). {info && (info.present ? `${info.image} is on this engine.` : `${info.image} is not on this engine yet: it is pulled the first time.`)}
      </p>
    </section>
  );
}

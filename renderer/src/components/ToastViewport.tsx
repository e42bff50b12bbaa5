import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useToastStore, type ToastKind } from '../stores/toast-store';
import './toasts.css';

const ICONS: Record<ToastKind, typeof Info> = { success: CircleCheck, error: CircleAlert, info: Info };

/** Where toasts appear (bottom right). Errors are announced assertively, the rest politely. */
export function ToastViewport() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  const ref = useRef<HTMLDivElement>(null);
  // How much of the window's bottom the toasts cover, as --toast-clearance: panels docked at the bottom (the
  // operations panel, a stack's output) keep that much free below their last line, so a toast never hides what it
  // announces.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    // The observer reports the first size too, after the first layout: measuring here at mount would force that
    // layout (the whole first screen's) early, before the rows are in.
    const observer = new ResizeObserver((entries) => {
      const h = entries[entries.length - 1]?.borderBoxSize[0]?.blockSize ?? el.getBoundingClientRect().height;
      root.style.setProperty('--toast-clearance', h > 0 ? `${Math.ceil(h + 16)}px` : '0px');
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--toast-clearance');
    };
  }, []);
  return (
    <div ref={ref} className="toast-viewport" aria-label="Notifications">
      {toasts.map((t) => {
        const Icon = ICONS[t.kind];
        return (
          <div
            key={t.id}
            className={`toast toast-${t.kind}`}
            role={t.kind === 'error' ? 'alert' : 'status'}
            data-testid="toast"
            data-kind={t.kind}
          >
            <Icon size={16} className="toast-icon" aria-hidden />
            <div className="toast-text">
              <div className="toast-title">{t.title}</div>
              {t.message && <div className="toast-message">{t.message}</div>}
            </div>
            <button type="button" className="icon-btn" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
              <X size={14} />
            </button>
          </div>
        );
      })}
    </div>
  );
}

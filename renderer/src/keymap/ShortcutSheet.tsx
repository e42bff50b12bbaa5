import { useEffect, useState } from 'react';
import { DialogFrame } from '../components/DialogFrame';
import { PAGES } from '../shell/pages';
import { useNavigation } from '../stores/navigation-store';
import { KEYMAP, SECTION_ORDER, type ShortcutId } from './keymap';
import { ShortcutKeys } from './Kbd';
import { useActiveShortcuts } from './shortcuts';

/**
 * `?`: every shortcut that acts on the current page, from the keymap, grouped by section. What is listed is what is
 * bound right now (a page's list keys only while that list is on screen), so the sheet cannot promise a dead key.
 */
export function ShortcutSheet({ onClose }: { onClose(): void }) {
  const ids = useActiveShortcuts((s) => s.ids);
  const page = useNavigation((s) => s.page);
  const item = useNavigation((s) => s.item);
  const pageLabel = PAGES.find((p) => p.id === page)?.label ?? page;
  const shown = new Set<ShortcutId>(ids);
  // Closed, the sheet gives the focus back to where it was (a list, a row), so the keys go on working there; the
  // dialog alone would leave it on the page's body (it has no trigger button to return to).
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  useEffect(
    () => () => {
      setTimeout(() => {
        if (returnTo?.isConnected && (document.activeElement === document.body || document.activeElement === null)) returnTo.focus({ preventScroll: true });
      }, 0);
    },
    [returnTo],
  );
  return (
    <DialogFrame onOpenChange={(open) => !open && onClose()} title="Keyboard shortcuts" size="xl" cancelLabel="Close" testId="shortcut-sheet" description={`On ${pageLabel}${item ? ' (this item)' : ''}. Keys never act while you type in a field, the terminal or an editor.`}>
      <div className="shortcut-sheet-body">
        {SECTION_ORDER.map((section) => {
          const inSection = (Object.keys(KEYMAP) as ShortcutId[]).filter((id) => KEYMAP[id].section === section && shown.has(id));
          if (inSection.length === 0) return null;
          return (
            <section key={section} className="shortcut-section" aria-label={section}>
              <h3>{section}</h3>
              <dl>
                {inSection.map((id) => (
                  <div key={id} className="shortcut-row" data-shortcut={id}>
                    <dt>{KEYMAP[id].label}</dt>
                    <dd>
                      <ShortcutKeys id={id} all />
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
    </DialogFrame>
  );
}

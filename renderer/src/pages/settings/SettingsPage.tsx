import { Monitor, Moon, Sun } from 'lucide-react';
import { transportMode } from '../../api';
import { HelperImageSetting } from '../volumes/HelperImageSetting';
import { Segmented, type SegmentedOption } from '../../components/Segmented';
import '../../components/page.css';
import { ComposeCliSettings } from '../stacks/ComposeCliSettings';
import { DebugToolboxSetting } from '../../terminal/DebugToolboxSetting';
import { useBackendStore } from '../../stores/backend-store';
import { useThemeStore, type ThemePreference } from '../../stores/theme-store';
import { EnginesSettings } from './EnginesSettings';
import './settings.css';

const THEMES: SegmentedOption<ThemePreference>[] = [
  { id: 'system', label: 'System', icon: Monitor },
  { id: 'light', label: 'Light', icon: Sun },
  { id: 'dark', label: 'Dark', icon: Moon },
];

export function SettingsPage() {
  const preference = useThemeStore((s) => s.preference);
  const setPreference = useThemeStore((s) => s.setPreference);
  const backend = useBackendStore((s) => s.state);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <div className="page-body settings">
        <section className="settings-section">
          <h2>Appearance</h2>
          <div className="settings-row">
            <span id="theme-label">Theme</span>
            <Segmented options={THEMES} value={preference} onChange={setPreference} aria-labelledby="theme-label" />
          </div>
          <p className="settings-note">“System” follows your operating system's light or dark setting.</p>
        </section>

        <section className="settings-section">
          <h2>Volumes</h2>
          <HelperImageSetting />
        </section>

        <DebugToolboxSetting />

        <section className="settings-section">
          <h2>Connection</h2>
          <dl className="facts" data-testid="transport">
            <dt>Transport</dt>
            <dd>
              {transportMode === 'electron'
                ? 'Electron IPC (desktop app)'
                : `WebSocket to berth serve (web mode) — ${backend === 'open' ? 'connected' : backend}`}
            </dd>
          </dl>
        </section>

        <EnginesSettings />

        <ComposeCliSettings />
      </div>
    </div>
  );
}

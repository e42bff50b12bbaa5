import { create } from 'zustand';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'berth.theme';

export function parseThemePreference(value: string | null): ThemePreference {
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}

function readPreference(): ThemePreference {
  try {
    return parseThemePreference(localStorage.getItem(STORAGE_KEY));
  } catch {
    return 'system'; // storage can be blocked; the OS setting is a fine default
  }
}

interface ThemeStore {
  preference: ThemePreference;
  setPreference(preference: ThemePreference): void;
}

export const useThemeStore = create<ThemeStore>()((set) => ({
  preference: readPreference(),
  setPreference(preference) {
    try {
      localStorage.setItem(STORAGE_KEY, preference);
    } catch {
      // not remembered, but still applied
    }
    set({ preference });
  },
}));

/** Keeps `<html data-theme>` in step with the preference and the OS setting. Returns a stop function. */
export function applyTheme(): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => {
    document.documentElement.dataset.theme = resolveTheme(useThemeStore.getState().preference, media.matches);
  };
  apply();
  media.addEventListener('change', apply);
  const off = useThemeStore.subscribe(apply);
  return () => {
    media.removeEventListener('change', apply);
    off();
  };
}

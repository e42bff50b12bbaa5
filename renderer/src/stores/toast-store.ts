import { create } from 'zustand';

export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  message?: string;
}

interface ToastStore {
  toasts: readonly Toast[];
  show(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
}

/** Errors stay longer: people need time to read what went wrong. */
const LIFETIME_MS: Record<ToastKind, number> = { success: 4000, info: 5000, error: 10000 };
const MAX_VISIBLE = 5;
let nextId = 1;

export const useToastStore = create<ToastStore>()((set, get) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_VISIBLE) }));
    setTimeout(() => get().dismiss(id), LIFETIME_MS[toast.kind]);
    return id;
  },
  dismiss(id) {
    set((s) => (s.toasts.some((t) => t.id === id) ? { toasts: s.toasts.filter((t) => t.id !== id) } : s));
  },
}));

/** Shorthands for code outside React. */
export const toast = {
  success: (title: string, message?: string) => useToastStore.getState().show({ kind: 'success', title, message }),
  info: (title: string, message?: string) => useToastStore.getState().show({ kind: 'info', title, message }),
  error: (title: string, message?: string) => useToastStore.getState().show({ kind: 'error', title, message }),
};

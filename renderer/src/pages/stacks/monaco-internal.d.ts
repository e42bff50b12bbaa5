// monaco-editor 0.57 ships no types for its internal worker helper (see compose-language.ts for why it is used).
declare module 'monaco-editor/internal/common/workers' {
  export function createWebWorker(opts: { label?: string; moduleId?: string; createData?: unknown; host?: Record<string, unknown>; keepIdleModels?: boolean }): unknown;
}

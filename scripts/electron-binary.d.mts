// Types for electron-binary.mjs (a plain Node script: npm runs it before anything is built).
export function electronPackageDir(from?: string): string | null;
export function missingElectronMessage(dir: string | null): string | null;
export function installElectronBinary(dir: string | null): number;

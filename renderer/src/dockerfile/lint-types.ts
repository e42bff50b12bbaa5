/** Positions are 1-based; `endColumn` is exclusive (Monaco's convention), so an insertion has start = end. */
export interface TextRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit {
  range: TextRange;
  text: string;
}

export interface QuickFix {
  title: string;
  /** Edits to the Dockerfile itself, applied together as one undoable step. */
  edits: TextEdit[];
  /** A new file beside the Dockerfile (the context's `.dockerignore`); written only when none exists. */
  createFile?: { name: string; text: string };
}

export type RuleId =
  | 'syntax'
  | 'from-latest'
  | 'copy-all-before-install'
  | 'pip-no-cache-dir'
  | 'apt-lists-not-removed'
  | 'apk-no-cache'
  | 'npm-install-without-lock'
  | 'no-user'
  | 'shell-form-cmd'
  | 'add-instead-of-copy'
  | 'secret-in-env'
  | 'missing-dockerignore';

export interface DockerfileDiagnostic {
  rule: RuleId;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: TextRange;
  /** Offered only where applying them cannot change what the image does (or the user sees the exact result first). */
  fixes: QuickFix[];
}

/**
 * What the build context holds, where it matters to a rule: the names at its top level (`.git`, `node_modules`,
 * `.env`, lock files) and whether a `.dockerignore` is there. Absent when the Dockerfile is not on disk yet.
 */
export interface ContextFacts {
  names: readonly string[];
  hasDockerignore: boolean;
}

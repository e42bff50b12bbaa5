import { validate } from 'dockerfile-utils';
import { DockerfileDocument } from './lint-document';
import { RULES } from './lint-rules';
import { withNodeBuffer } from './node-buffer-shim';
import type { ContextFacts, DockerfileDiagnostic, QuickFix, RuleId } from './lint-types';

export type { ContextFacts, DockerfileDiagnostic, QuickFix, RuleId, TextEdit, TextRange } from './lint-types';
export { applyEdits } from './lint-document';

/** One line per rule, for the problems list and the docs: what it costs when ignored. */
export const RULE_TITLES: Record<RuleId, string> = {
  syntax: 'The file does not parse, or an instruction is wrong',
  'from-latest': 'FROM without a pinned tag',
  'copy-all-before-install': 'COPY of the whole context before installing dependencies',
  'pip-no-cache-dir': 'pip install without --no-cache-dir',
  'apt-lists-not-removed': 'apt-get install without removing the package lists',
  'apk-no-cache': 'apk add without --no-cache',
  'npm-install-without-lock': 'npm install instead of npm ci',
  'no-user': 'Runs as root',
  'shell-form-cmd': 'CMD or ENTRYPOINT in shell form',
  'add-instead-of-copy': 'ADD where COPY would do',
  'secret-in-env': 'A secret in ENV or ARG',
  'missing-dockerignore': 'No .dockerignore',
};

/** `# berth-ignore: rule-a rule-b` above an instruction silences those rules there; `berth-ignore-file:` everywhere. */
const IGNORE = /#\s*berth-ignore:\s*([\w\s,-]+)/;
const IGNORE_FILE = /#\s*berth-ignore-file:\s*([\w\s,-]+)/;
const ruleList = (s: string) => s.split(/[\s,]+/).filter(Boolean);

/**
 * Everything wrong with a Dockerfile, sorted by line: what does not parse (from dockerfile-utils, the validator
 * behind VS Code's Dockerfile support) and Berth's best-practice rules. Pure: the same text and facts give the same
 * diagnostics, in the renderer as in the tests.
 */
export function lintDockerfile(text: string, facts: ContextFacts | null = null): DockerfileDiagnostic[] {
  const doc = new DockerfileDocument(text);
  const out: DockerfileDiagnostic[] = withNodeBuffer(() => validate(text)).map((d) => ({
    rule: 'syntax',
    severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
    message: typeof d.message === 'string' ? d.message : d.message.value,
    range: doc.toRange(d.range),
    fixes: [],
  }));
  const fileIgnored = new Set(doc.lines.flatMap((l) => ruleList(IGNORE_FILE.exec(l)?.[1] ?? '')));
  for (const [id, rule] of Object.entries(RULES) as [Exclude<RuleId, 'syntax'>, (typeof RULES)[keyof typeof RULES]][]) {
    if (fileIgnored.has(id)) continue;
    for (const d of rule(doc, facts)) {
      const step = doc.steps.find((s) => s.range.startLine <= d.range.startLine && d.range.startLine <= s.range.endLine);
      const line = step?.range.startLine ?? d.range.startLine;
      const silenced = doc.commentsAbove(line).some((c) => ruleList(IGNORE.exec(c)?.[1] ?? '').includes(id));
      if (silenced) continue;
      out.push({ ...d, rule: id, fixes: [...d.fixes, silenceFix(doc, id, line)] });
    }
  }
  return out.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}

function silenceFix(doc: DockerfileDocument, id: RuleId, line: number): QuickFix {
  const above = doc.commentsAbove(line)[0];
  const existing = above !== undefined ? IGNORE.exec(above) : null;
  if (existing && above !== undefined) {
    // Add to the ignore comment already there rather than stacking a second one.
    return { title: `Silence ${id} here`, edits: [{ range: { startLine: line - 1, startColumn: above.length + 1, endLine: line - 1, endColumn: above.length + 1 }, text: ` ${id}` }] };
  }
  const indent = doc.indentOf(line);
  return { title: `Silence ${id} here`, edits: [{ range: { startLine: line, startColumn: 1, endLine: line, endColumn: 1 }, text: `${indent}# berth-ignore: ${id}\n` }] };
}

/**
 * The 1-based line of the instruction the classic builder calls `Step <n>`: it counts every instruction in order,
 * global ARGs before the first FROM included. Null when the file has fewer.
 */
export function lineOfStep(text: string, step: number): number | null {
  const doc = new DockerfileDocument(text);
  return doc.steps[step - 1]?.range.startLine ?? null;
}

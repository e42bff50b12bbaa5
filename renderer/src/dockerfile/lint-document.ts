import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { TextEdit, TextRange } from './lint-types';
import { withNodeBuffer } from './node-buffer-shim';

/** An LSP position or range as dockerfile-ast gives them (0-based lines and characters). */
interface Pos0 {
  line: number;
  character: number;
}
interface Range0 {
  start: Pos0;
  end: Pos0;
}

/** One instruction with what the rules ask of it: keyword, its text exactly as written, where it starts and ends. */
export interface Step {
  keyword: string;
  instruction: Instruction;
  /** The instruction's text as in the file (continuations and all), from the keyword to its last character. */
  raw: string;
  /** Offset of `raw` in the whole text. */
  offset: number;
  range: TextRange;
  /** Index of the build stage (FROM) it belongs to; -1 before the first FROM (global ARGs). */
  stage: number;
}

/**
 * A parsed Dockerfile with offset ↔ position maps, so rules can match on the text as written and produce edits
 * that touch only the characters they mean to.
 */
export class DockerfileDocument {
  readonly ast: Dockerfile;
  readonly steps: Step[];
  readonly lines: string[];
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.ast = withNodeBuffer(() => DockerfileParser.parse(text));
    this.lines = text.split('\n');
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
    let stage = -1;
    this.steps = this.ast.getInstructions().map((instruction) => {
      const keyword = instruction.getKeyword().toUpperCase();
      if (keyword === 'FROM') stage++;
      const r = instruction.getRange() as Range0;
      const start = this.offsetOf(r.start);
      const end = this.offsetOf(r.end);
      return { keyword, instruction, raw: text.slice(start, end), offset: start, range: this.toRange(r), stage };
    });
  }

  offsetOf(p: Pos0): number {
    return (this.lineStarts[p.line] ?? this.text.length) + p.character;
  }

  /** 1-based position of a text offset. */
  positionAt(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  toRange(r: Range0): TextRange {
    return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
  }

  /** The range of `length` characters at `offset`. */
  rangeAt(offset: number, length: number): TextRange {
    const a = this.positionAt(offset);
    const b = this.positionAt(offset + length);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }

  insertAt(offset: number, text: string): TextEdit {
    return { range: this.rangeAt(offset, 0), text };
  }

  /** Comment lines directly above a 1-based line (no blank line between), nearest first. */
  commentsAbove(line: number): string[] {
    const out: string[] = [];
    for (let i = line - 2; i >= 0; i--) {
      const l = this.lines[i]!;
      if (!/^\s*#/.test(l)) break;
      out.push(l);
    }
    return out;
  }

  /** The leading whitespace of a 1-based line. */
  indentOf(line: number): string {
    return /^\s*/.exec(this.lines[line - 1] ?? '')![0];
  }
}

/** Applies non-overlapping edits (1-based ranges) to a text, as Monaco would. Pure. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (line: number, column: number) => (starts[line - 1] ?? text.length) + column - 1;
  const sorted = edits
    .map((e) => ({ from: off(e.range.startLine, e.range.startColumn), to: off(e.range.endLine, e.range.endColumn), text: e.text }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the renderer's first screen loads: every module reached from renderer/src/main.tsx through static imports
 * (`import type` and dynamic `import()` are not followed: the bundler drops the first and splits the second off).
 * The contract's schemas (zod) must not be among them: they are built when their module runs, before the list can
 * draw, and the renderer never validates with them (main does).
 */
const SRC = path.join(__dirname, '..', 'renderer', 'src');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null; // CSS and other assets
}

function firstScreen(entry: string): { modules: Set<string>; packages: Map<string, string> } {
  const modules = new Set<string>();
  const packages = new Map<string, string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(STATIC_IMPORT)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const target = resolve(file, spec);
        if (target) todo.push(target);
      } else if (!packages.has(spec)) {
        packages.set(spec, path.relative(SRC, file));
      }
    }
  }
  return { modules, packages };
}

describe("the renderer's first screen", () => {
  const { modules, packages } = firstScreen(path.join(SRC, 'main.tsx'));

  it('is found (the walk follows imports)', () => {
    expect(modules.size).toBeGreaterThan(50);
    expect([...modules].some((m) => m.endsWith(path.join('containers', 'ContainersPage.tsx')))).toBe(true);
    expect(packages.has('react')).toBe(true);
  });

  it('does not load zod or a contract file that builds schemas', () => {
    expect(packages.get('zod'), 'zod is imported (first by this file)').toBeUndefined();
  });

  it('does not load the editors or the terminal emulator (they load on first use)', () => {
    for (const heavy of ['monaco-editor', '@xterm/xterm']) expect(packages.get(heavy), heavy).toBeUndefined();
  });
});

describe("web mode's early script", () => {
  const { modules, packages } = firstScreen(path.join(SRC, 'transport', 'early-socket.ts'));

  it('imports no library and none of the app: it is built alone and must stay a few hundred bytes', () => {
    expect([...packages.keys()]).toEqual([]);
    expect([...modules].map((m) => path.relative(SRC, m)).sort()).toEqual([path.join('transport', 'early-socket.ts'), path.join('transport', 'socket-url.ts')]);
  });

  it('makes no Intl object as its modules load (the first one costs 20–40 ms in a fresh renderer)', () => {
    // A top-level declaration (unindented) that constructs one: it runs when the bundle is evaluated, before the list
    // can draw. Make it on first use instead (see format/natural-compare.ts, palette's formatCount).
    const made = [...modules].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /^(export\s+)?(const|let|var)\s.*\bnew Intl\./.test(line))
        .map((line) => `${path.relative(SRC, file)}: ${line.trim()}`),
    );
    expect(made).toEqual([]);
  });
});

/** Where a compose file uses each of these variables (`$NAME`, `${NAME}`, `${NAME:-x}`…), as editor markers. Pure. */
export interface VariableMarker {
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export function variableMarkers(text: string, names: readonly string[]): VariableMarker[] {
  if (names.length === 0) return [];
  const wanted = new Set(names);
  const out: VariableMarker[] = [];
  text.split('\n').forEach((line, i) => {
    // `$$` is a literal dollar in compose files; skip it before looking for variables.
    for (const m of line.matchAll(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const name = m[1] ?? m[2];
      if (!name || !wanted.has(name)) continue;
      out.push({
        message: `${name} is not set: compose substitutes an empty string. Set it in .env or the environment, or give a default with \${${name}:-value}.`,
        startLineNumber: i + 1,
        startColumn: m.index + 1,
        endLineNumber: i + 1,
        endColumn: m.index + 1 + m[0].length,
      });
    }
  });
  return out;
}

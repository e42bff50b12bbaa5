/**
 * The `.dockerignore` Berth proposes (the lint quick fix and "containerize a folder" share it): version control,
 * dependency folders the image installs itself, local secrets, editor and OS litter. Pure; `names` are the build
 * context's top-level entries, so a kind of project adds its own (node_modules, .venv) only where they exist or
 * are expected.
 */
export function dockerignoreFor(names: readonly string[], kind?: 'python' | 'node' | 'go' | 'static' | 'other'): string {
  const has = (n: string) => names.includes(n);
  const lines = ['# Kept out of the build context: sent to the engine on every build, and COPY . would put them in the image.', '.git', '.gitignore', '.dockerignore', 'Dockerfile*', 'compose*.y*ml', 'docker-compose*.y*ml'];
  lines.push('', '# Secrets stay on this machine', '.env', '.env.*', '*.pem', '*.key');
  if (kind === 'node' || has('node_modules') || has('package.json')) lines.push('', '# Installed in the image by npm ci', 'node_modules', 'npm-debug.log*', '.npm');
  if (kind === 'python' || has('.venv') || has('__pycache__') || has('requirements.txt') || has('pyproject.toml')) {
    lines.push('', '# Python caches and local environments', '__pycache__', '*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache');
  }
  lines.push('', '# Editors and OS', '.vscode', '.idea', '.DS_Store', '*.swp');
  return `${lines.join('\n')}\n`;
}

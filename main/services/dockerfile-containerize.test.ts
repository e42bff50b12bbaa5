import { describe, expect, it } from 'vitest';
import { containerize, detectKind, detectPort, slugOf, type FolderListing } from './dockerfile-containerize';
import { lintDockerfile } from '../../renderer/src/dockerfile/lint';

const listing = (names: string[], files: Record<string, string> = {}, name = 'My App'): FolderListing => ({ name, names, files });

describe('detectKind', () => {
  it.each([
    [['go.mod', 'main.go', 'package.json'], 'go'],
    [['package.json', 'server.js', 'requirements.txt'], 'node'],
    [['requirements.txt'], 'python'],
    [['pyproject.toml'], 'python'],
    [['tool.py'], 'python'],
    [['index.html', 'style.css'], 'static'],
    [['public/', 'README.md'], 'static'],
    [['Makefile', 'src/'], 'other'],
    [[], 'other'],
  ])('%j is %s', (names, kind) => {
    expect(detectKind(listing(names))).toBe(kind);
  });
});

describe('detectPort', () => {
  it('reads the port the code names, else the usual one', () => {
    expect(detectPort('python', ['app.run(host="0.0.0.0", port=5000)'])).toBe(5000);
    expect(detectPort('node', ['app.listen(4000, () => {})'])).toBe(4000);
    expect(detectPort('go', ['http.ListenAndServe(":9090", nil)'])).toBe(9090);
    expect(detectPort('python', ['print(1)'])).toBe(8000);
    expect(detectPort('node', [])).toBe(3000);
    expect(detectPort('other', [])).toBeNull();
  });
});

describe('containerize', () => {
  it('a Python project: manifest first, no pip cache, unprivileged, exec-form CMD, healthcheck on its port', () => {
    const c = containerize(listing(['requirements.txt', 'app.py', '.git/', '.env'], { 'requirements.txt': 'flask\n', 'app.py': 'app.run(host="0.0.0.0", port=5000)\n' }));
    expect(c).toMatchObject({ kind: 'python', port: 5000, service: 'my-app', imageName: 'my-app:dev' });
    expect(c.files.Dockerfile).toContain('COPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n\nCOPY . .\n');
    expect(c.files.Dockerfile).toContain('FROM python:${PYTHON_VERSION}-slim');
    expect(c.files.Dockerfile).toMatch(/USER 10001\n\nEXPOSE 5000\nCMD \["python", "app.py"\]\n$/);
    expect(c.files['.dockerignore'].split('\n')).toEqual(expect.arrayContaining(['.git', '.env', '__pycache__', '.venv']));
    expect(c.files['compose.yaml']).toBe(
      [
        'services:',
        '  my-app:',
        '    build: .',
        '    image: my-app:dev',
        '    ports:',
        '      - "5000:5000"',
        '    healthcheck:',
        `      test: ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:5000/', timeout=3)"]`,
        '      interval: 30s',
        '      timeout: 5s',
        '      retries: 3',
        '      start_period: 10s',
        '    restart: unless-stopped',
        '',
      ].join('\n'),
    );
  });

  it('a Node project with a lock file: npm ci, the start script as a node command, the node user', () => {
    const c = containerize(listing(['package.json', 'package-lock.json', 'server.js', 'node_modules/'], { 'package.json': '{"scripts":{"start":"node server.js"}}' }));
    expect(c.kind).toBe('node');
    expect(c.port).toBe(3000);
    expect(c.files.Dockerfile).toContain('COPY package.json package-lock.json ./\nRUN npm ci --omit=dev\n\nCOPY . .\n');
    expect(c.files.Dockerfile).toContain('USER node');
    expect(c.files.Dockerfile).toContain('CMD ["node", "server.js"]');
    expect(c.files['.dockerignore'].split('\n')).toContain('node_modules');
    expect(c.notes).toEqual([]);
  });

  it('a Node project without a lock file says so', () => {
    const c = containerize(listing(['package.json', 'index.js'], { 'package.json': '{}' }));
    expect(c.files.Dockerfile).toContain('RUN npm install --omit=dev');
    expect(c.files.Dockerfile).toContain('CMD ["node", "index.js"]');
    expect(c.notes.join(' ')).toMatch(/No lock file/);
  });

  it('a Go module builds in a stage and ships the binary', () => {
    const c = containerize(listing(['go.mod', 'go.sum', 'main.go'], { 'go.mod': 'module example.com/hello\n\ngo 1.22\n', 'main.go': 'http.ListenAndServe(":8081", nil)' }));
    expect(c).toMatchObject({ kind: 'go', port: 8081, summary: 'Go module example.com/hello (go 1.22)' });
    expect(c.files.Dockerfile).toContain('ARG GO_VERSION=1.22');
    expect(c.files.Dockerfile).toContain('COPY go.mod go.sum ./\nRUN go mod download\n');
    expect(c.files.Dockerfile).toContain('COPY --from=build /out/app /usr/local/bin/app');
  });

  it('a static site is served by unprivileged nginx on 8080', () => {
    const c = containerize(listing(['index.html']));
    expect(c).toMatchObject({ kind: 'static', port: 8080 });
    expect(c.files.Dockerfile).toContain('COPY . /usr/share/nginx/html');
  });

  it('anything else gets a skeleton and no port or healthcheck', () => {
    const c = containerize(listing(['Makefile']));
    expect(c).toMatchObject({ kind: 'other', port: null });
    expect(c.files['compose.yaml']).not.toContain('healthcheck');
    expect(c.notes).toHaveLength(1);
  });

  it.each([
    ['python', listing(['requirements.txt', 'app.py'], { 'requirements.txt': 'x\n' })],
    ['node', listing(['package.json', 'package-lock.json', 'server.js'], { 'package.json': '{}' })],
    ['go', listing(['go.mod', 'go.sum', 'main.go'], { 'go.mod': 'module a\n' })],
    ['static', listing(['index.html'])],
    ['pyproject', listing(['pyproject.toml', 'main.py'])],
  ])('the %s Dockerfile passes Berth\'s own lint', (_kind, l) => {
    const c = containerize(l);
    expect(lintDockerfile(c.files.Dockerfile, { names: [...l.names, '.dockerignore'], hasDockerignore: true })).toEqual([]);
  });

  it('slugOf makes a compose service and image name', () => {
    expect(slugOf('My App (2)')).toBe('my-app-2');
    expect(slugOf('---')).toBe('app');
  });
});

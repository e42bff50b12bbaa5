import { dockerignoreFor } from '../../preload/contract/dockerignore';
import type { ContainerizeFileName, ProjectKind } from '../../preload/contract/dockerfiles';

/**
 * "Containerize a folder" (what `docker init` does on the command line), as a pure function of the folder's
 * top-level names and the few small files that decide the kind of project (manifests, the entry point): so it is
 * tested with plain data, and the service only reads files and writes the result.
 *
 * The proposals follow the habits the lint rules check: a pinned slim base, the dependency manifest copied and
 * installed before the code (the install layer survives code edits), installs without caches, an unprivileged
 * USER, EXPOSE, exec-form CMD, and a .dockerignore that keeps .git, dependencies and .env out of the context.
 */

/** Files read (when present, and small) to decide the kind, the start command and the port. */
export const DETECTION_FILES = ['package.json', 'requirements.txt', 'pyproject.toml', 'go.mod', 'app.py', 'main.py', 'server.py', 'wsgi.py', 'manage.py', 'server.js', 'index.js', 'app.js', 'main.js', 'main.go'];

export interface FolderListing {
  /** The folder's own name (names the service and the image). */
  name: string;
  /** Top-level entries; folders end with `/`. */
  names: string[];
  /** Contents of the DETECTION_FILES that exist. */
  files: Record<string, string>;
}

export interface Containerization {
  kind: ProjectKind;
  summary: string;
  port: number | null;
  imageName: string;
  service: string;
  files: Record<ContainerizeFileName, string>;
  notes: string[];
}

export const DEFAULT_PORTS: Record<ProjectKind, number | null> = { python: 8000, node: 3000, go: 8080, static: 8080, other: null };

export function detectKind(listing: FolderListing): ProjectKind {
  const has = (n: string) => listing.names.includes(n);
  if (has('go.mod')) return 'go';
  if (has('package.json')) return 'node';
  if (['requirements.txt', 'pyproject.toml', 'setup.py', 'Pipfile'].some(has) || listing.names.some((n) => n.endsWith('.py'))) return 'python';
  if (has('index.html') || has('public/') || has('dist/') || has('site/')) return 'static';
  return 'other';
}

/** A port the code names (`port=5000`, `listen(3000)`, `":8080"`), else the kind's usual one. */
export function detectPort(kind: ProjectKind, sources: string[]): number | null {
  const patterns = [/\bPORT\b[^\n\d]{0,40}?(\d{2,5})\b/i, /\bport\s*[=:]\s*(\d{2,5})\b/i, /\.listen\(\s*(\d{2,5})\b/, /ListenAndServe\(\s*"[^":]*:(\d{2,5})"/, /--port[ =](\d{2,5})\b/];
  for (const src of sources) {
    for (const re of patterns) {
      const m = re.exec(src);
      const port = m ? Number(m[1]) : NaN;
      if (port >= 1 && port <= 65535) return port;
    }
  }
  return DEFAULT_PORTS[kind];
}

/** A name compose and the engine accept: lower case, letters, digits, `-`, `_`, `.`. */
export function slugOf(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return slug || 'app';
}

const json = (words: string[]) => `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;

/** The proposals' USER where the base image has no unprivileged user of its own (Python, Go, unrecognised). */
const UNPRIVILEGED_USER = ['# An unprivileged user: a process that breaks out of the container is not root.', 'USER 10001'];

interface Plan {
  summary: string;
  dockerfile: string;
  /** The compose healthcheck's test, or null when the image has nothing to probe with. */
  healthcheck: string[] | null;
  notes: string[];
}

function python(l: FolderListing, port: number): Plan {
  const has = (n: string) => l.names.includes(n);
  const reqs = l.files['requirements.txt'] ?? '';
  const notes: string[] = [];
  const entry = ['app.py', 'main.py', 'server.py', 'wsgi.py'].find(has) ?? l.names.find((n) => n.endsWith('.py')) ?? 'app.py';
  let cmd: string[];
  if (has('manage.py')) {
    cmd = ['python', 'manage.py', 'runserver', `0.0.0.0:${port}`];
    notes.push('Django: runserver is for development. For production add gunicorn to requirements.txt and run it instead.');
  } else if (/^\s*uvicorn\b/im.test(reqs) && /FastAPI\(/.test(l.files[entry] ?? '')) {
    cmd = ['uvicorn', `${entry.replace(/\.py$/, '')}:app`, '--host', '0.0.0.0', '--port', String(port)];
  } else if (/^\s*gunicorn\b/im.test(reqs) && /Flask\(/.test(l.files[entry] ?? '')) {
    cmd = ['gunicorn', '--bind', `0.0.0.0:${port}`, `${entry.replace(/\.py$/, '')}:app`];
  } else {
    cmd = ['python', entry];
    notes.push(`Starts with python ${entry}: the app must listen on 0.0.0.0:${port}, not 127.0.0.1, to be reachable from outside the container.`);
  }
  let install: string[];
  let summary: string;
  if (has('requirements.txt')) {
    summary = `Python (requirements.txt), runs ${cmd.join(' ')}`;
    install = ['# The dependency list first: this layer stays cached until requirements.txt changes.', 'COPY requirements.txt ./', 'RUN pip install --no-cache-dir -r requirements.txt', '', 'COPY . .'];
  } else if (has('pyproject.toml')) {
    summary = `Python (pyproject.toml), runs ${cmd.join(' ')}`;
    install = [
      '# pip installs the project itself, so it needs the code: every code edit reinstalls the dependencies.',
      '# A requirements.txt (pip freeze) copied and installed first would keep them cached.',
      '# berth-ignore: copy-all-before-install',
      'COPY . .',
      'RUN pip install --no-cache-dir .',
    ];
    notes.push('pyproject.toml: dependencies install together with the code, so they are reinstalled after every code edit. A requirements.txt installed first keeps them cached.');
  } else {
    summary = `Python (no dependency list), runs ${cmd.join(' ')}`;
    install = ['COPY . .'];
    notes.push('No requirements.txt or pyproject.toml: the image has only the standard library.');
  }
  const dockerfile = [
    '# Generated by Berth for a Python project: check the start command and the port.',
    'ARG PYTHON_VERSION=3.12',
    'FROM python:${PYTHON_VERSION}-slim',
    '',
    '# Logs reach `docker logs` at once; no .pyc files in the image.',
    'ENV PYTHONDONTWRITEBYTECODE=1 \\',
    '    PYTHONUNBUFFERED=1',
    '',
    'WORKDIR /app',
    '',
    ...install,
    '',
    ...UNPRIVILEGED_USER,
    '',
    `EXPOSE ${port}`,
    `CMD ${json(cmd)}`,
  ];
  return {
    summary,
    dockerfile: `${dockerfile.join('\n')}\n`,
    healthcheck: ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('http://localhost:${port}/', timeout=3)`],
    notes,
  };
}

function node(l: FolderListing, port: number): Plan {
  const has = (n: string) => l.names.includes(n);
  const notes: string[] = [];
  let pkg: { main?: unknown; scripts?: Record<string, unknown> } = {};
  try {
    pkg = JSON.parse(l.files['package.json'] ?? '{}') as typeof pkg;
  } catch {
    notes.push('package.json does not parse: the start command is a guess.');
  }
  let install: string[];
  let manager = 'npm';
  if (has('package-lock.json') || has('npm-shrinkwrap.json')) {
    install = ['COPY package.json package-lock.json ./', 'RUN npm ci --omit=dev'];
    if (has('npm-shrinkwrap.json') && !has('package-lock.json')) install[0] = 'COPY package.json npm-shrinkwrap.json ./';
  } else if (has('yarn.lock')) {
    manager = 'yarn';
    install = ['COPY package.json yarn.lock ./', 'RUN corepack enable && yarn install --frozen-lockfile --production'];
  } else if (has('pnpm-lock.yaml')) {
    manager = 'pnpm';
    install = ['COPY package.json pnpm-lock.yaml ./', 'RUN corepack enable && pnpm install --frozen-lockfile --prod'];
  } else {
    install = ['COPY package.json ./', 'RUN npm install --omit=dev'];
    notes.push('No lock file: each build may install other versions. Run npm install once, commit package-lock.json, and use npm ci.');
  }
  const start = typeof pkg.scripts?.start === 'string' ? pkg.scripts.start : null;
  let cmd: string[];
  const plainNode = start ? /^node\s+([\w./-]+)$/.exec(start.trim()) : null;
  if (plainNode) cmd = ['node', plainNode[1]!];
  else if (start) {
    cmd = [manager, 'start'];
    notes.push(`Starts with ${manager} start (${start}): ${manager} stays PID 1, so stop signals reach your app late. A plain node command is better.`);
  } else {
    const main = typeof pkg.main === 'string' ? pkg.main : ['server.js', 'index.js', 'app.js', 'main.js'].find(has) ?? 'index.js';
    cmd = ['node', main];
  }
  if (typeof pkg.scripts?.build === 'string') notes.push('package.json has a build script: add RUN npm run build (and its dev dependencies, in a build stage) if the app needs it.');
  const dockerfile = [
    '# Generated by Berth for a Node.js project: check the start command and the port.',
    'ARG NODE_VERSION=22',
    'FROM node:${NODE_VERSION}-slim',
    '',
    'ENV NODE_ENV=production',
    'WORKDIR /app',
    '',
    '# The manifest and lock file first: this layer stays cached until they change.',
    ...install,
    '',
    'COPY . .',
    '',
    '# The image\'s unprivileged user: a process that breaks out of the container is not root.',
    'USER node',
    '',
    `EXPOSE ${port}`,
    `CMD ${json(cmd)}`,
  ];
  return {
    summary: `Node.js (${install[0]!.replace(/^COPY (.*) \.\/$/, '$1')}), runs ${cmd.join(' ')}`,
    dockerfile: `${dockerfile.join('\n')}\n`,
    healthcheck: ['CMD', 'node', '-e', `fetch('http://localhost:${port}/').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`],
    notes,
  };
}

function go(l: FolderListing, port: number): Plan {
  const module = /^module\s+(\S+)/m.exec(l.files['go.mod'] ?? '')?.[1];
  const goVersion = /^go\s+(\d+\.\d+)/m.exec(l.files['go.mod'] ?? '')?.[1] ?? '1.23';
  const sums = l.names.includes('go.sum') ? 'go.mod go.sum' : 'go.mod';
  const dockerfile = [
    '# Generated by Berth for a Go module: a build stage, then only the binary on a small base.',
    `ARG GO_VERSION=${goVersion}`,
    'FROM golang:${GO_VERSION} AS build',
    'WORKDIR /src',
    '',
    '# The module files first: downloads stay cached until go.mod or go.sum change.',
    `COPY ${sums} ./`,
    'RUN go mod download',
    '',
    'COPY . .',
    'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .',
    '',
    'FROM alpine:3.20',
    'COPY --from=build /out/app /usr/local/bin/app',
    '',
    ...UNPRIVILEGED_USER,
    '',
    `EXPOSE ${port}`,
    'ENTRYPOINT ["/usr/local/bin/app"]',
  ];
  return {
    summary: `Go module${module ? ` ${module}` : ''} (go ${goVersion})`,
    dockerfile: `${dockerfile.join('\n')}\n`,
    healthcheck: ['CMD', 'wget', '-q', '--spider', `http://localhost:${port}/`],
    notes: l.names.includes('go.sum') ? [] : ['No go.sum: COPY takes go.mod alone; add go.sum once the module has dependencies.'],
  };
}

function staticSite(l: FolderListing, port: number): Plan {
  const root = ['dist/', 'public/', 'site/'].find((d) => l.names.includes(d) && !l.names.includes('index.html'));
  const dockerfile = [
    '# Generated by Berth for a static site: nginx, as an unprivileged user, serving the files.',
    'FROM nginxinc/nginx-unprivileged:1.27-alpine',
    `COPY ${root ?? '.'} /usr/share/nginx/html`,
    '',
    '# The image\'s own unprivileged user (nginx-unprivileged listens on 8080).',
    'USER 101',
    '',
    `EXPOSE ${port}`,
  ];
  return {
    summary: `Static site (${root ? `${root}index.html` : 'index.html'}), served by nginx`,
    dockerfile: `${dockerfile.join('\n')}\n`,
    healthcheck: ['CMD', 'wget', '-q', '--spider', `http://localhost:${port}/`],
    notes: [],
  };
}

function other(): Plan {
  const dockerfile = [
    '# Generated by Berth: the kind of project was not recognised. Fill in the base image, the install and the',
    '# start command.',
    'FROM debian:12-slim',
    '',
    'WORKDIR /app',
    'COPY . .',
    '',
    ...UNPRIVILEGED_USER,
    '',
    'CMD ["./start.sh"]',
  ];
  return {
    summary: 'Not recognised (no package.json, requirements.txt, pyproject.toml, go.mod or index.html)',
    dockerfile: `${dockerfile.join('\n')}\n`,
    healthcheck: null,
    notes: ['Berth could not tell the kind of project: the Dockerfile is a skeleton to fill in.'],
  };
}

function composeFile(service: string, imageName: string, port: number | null, healthcheck: string[] | null): string {
  const out = ['services:', `  ${service}:`, '    build: .', `    image: ${imageName}`];
  if (port !== null) out.push('    ports:', `      - "${port}:${port}"`);
  if (port !== null && healthcheck) {
    out.push('    healthcheck:', `      test: ${json(healthcheck)}`, '      interval: 30s', '      timeout: 5s', '      retries: 3', '      start_period: 10s');
  }
  out.push('    restart: unless-stopped');
  return `${out.join('\n')}\n`;
}

export function containerize(listing: FolderListing): Containerization {
  const kind = detectKind(listing);
  const sources = DETECTION_FILES.filter((f) => !['package.json', 'requirements.txt', 'pyproject.toml', 'go.mod'].includes(f)).map((f) => listing.files[f] ?? '');
  if (kind === 'node') {
    const start = /"start"\s*:\s*"([^"]*)"/.exec(listing.files['package.json'] ?? '')?.[1];
    if (start) sources.unshift(start);
  }
  // nginx-unprivileged always listens on 8080, whatever the site's files say.
  const port = kind === 'static' ? 8080 : detectPort(kind, sources.filter(Boolean));
  const plan =
    kind === 'python' ? python(listing, port!) : kind === 'node' ? node(listing, port!) : kind === 'go' ? go(listing, port!) : kind === 'static' ? staticSite(listing, port!) : other();
  const service = slugOf(listing.name);
  const imageName = `${service}:dev`;
  const names = listing.names.map((n) => n.replace(/\/$/, ''));
  return {
    kind,
    summary: plan.summary,
    port,
    imageName,
    service,
    files: {
      Dockerfile: plan.dockerfile,
      '.dockerignore': dockerignoreFor(names, kind),
      'compose.yaml': composeFile(service, imageName, port, plan.healthcheck),
    },
    notes: plan.notes,
  };
}

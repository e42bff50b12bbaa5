import { describe, expect, it } from 'vitest';
import { applyEdits, lineOfStep, lintDockerfile, type ContextFacts, type RuleId } from './lint';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
/** A Dockerfile that every rule is happy with; each test changes one thing. */
const GOOD = lines(
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt ./',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY . .',
  'USER 10001',
  'EXPOSE 8000',
  'CMD ["python", "app.py"]',
);
const only = (text: string, rule: RuleId, facts: ContextFacts | null = null) => lintDockerfile(text, facts).filter((d) => d.rule === rule);
const fix = (text: string, rule: RuleId, facts: ContextFacts | null = null, which = 0) => {
  const d = only(text, rule, facts)[0];
  if (!d) throw new Error(`${rule} did not fire`);
  return applyEdits(text, d.fixes[which]!.edits);
};

describe('lintDockerfile', () => {
  it('finds nothing in a good Dockerfile', () => {
    expect(lintDockerfile(GOOD, { names: ['app.py', 'requirements.txt', '.dockerignore'], hasDockerignore: true })).toEqual([]);
  });

  describe('syntax', () => {
    it('names an unknown instruction with its line', () => {
      const d = only(GOOD.replace('WORKDIR /app', 'WORKDIRR /app'), 'syntax');
      expect(d).toHaveLength(1);
      expect(d[0]).toMatchObject({ severity: 'error', range: { startLine: 2, startColumn: 1 } });
      expect(d[0]!.message).toMatch(/WORKDIRR/);
    });
    it('reports an instruction missing its argument', () => {
      expect(only(lines('FROM python:3.12-slim', 'COPY'), 'syntax')[0]).toMatchObject({ severity: 'error', range: { startLine: 2 } });
    });
    it('cannot be silenced and offers no fix', () => {
      const d = only(lines('FROM x:1', '# berth-ignore: syntax', 'FORM x'), 'syntax');
      expect(d).toHaveLength(1);
      expect(d[0]!.fixes).toEqual([]);
    });
  });

  describe('from-latest', () => {
    it('fires on a missing tag and on latest, pointing at the image', () => {
      const d = only(lines('FROM python', 'FROM node:latest AS web', 'USER 1'), 'from-latest');
      expect(d.map((x) => [x.range.startLine, x.range.startColumn, x.range.endColumn])).toEqual([
        [1, 6, 12],
        [2, 6, 17],
      ]);
      expect(d[0]!.message).toMatch(/python:latest/);
    });
    it('is quiet on a tag, a digest, scratch, an earlier stage and a variable', () => {
      const text = lines('FROM python:3.12 AS base', 'FROM base', 'FROM scratch', 'FROM alpine@sha256:' + 'a'.repeat(64), 'ARG IMG', 'FROM ${IMG}');
      expect(only(text, 'from-latest')).toEqual([]);
    });
  });

  describe('copy-all-before-install', () => {
    const bad = lines('FROM python:3.12-slim', 'WORKDIR /app', 'COPY . .', 'RUN pip install --no-cache-dir -r requirements.txt', 'USER 1', 'CMD ["python", "app.py"]');
    it('fires on COPY . before pip install -r, and the fix copies the manifest first', () => {
      const d = only(bad, 'copy-all-before-install');
      expect(d).toHaveLength(1);
      expect(d[0]!.range.startLine).toBe(3);
      expect(d[0]!.message).toMatch(/line 4/);
      expect(fix(bad, 'copy-all-before-install')).toBe(
        lines('FROM python:3.12-slim', 'WORKDIR /app', 'COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt', 'COPY . .', 'USER 1', 'CMD ["python", "app.py"]'),
      );
    });
    it('keeps flags and the destination, for npm', () => {
      const text = lines('FROM node:22-slim', 'COPY --chown=1000:1000 . /app', 'RUN npm ci --omit=dev', 'USER 1000');
      expect(fix(text, 'copy-all-before-install')).toBe(lines('FROM node:22-slim', 'COPY --chown=1000:1000 package*.json /app', 'RUN npm ci --omit=dev', 'COPY --chown=1000:1000 . /app', 'USER 1000'));
    });
    it('warns without a fix when the install needs the whole source (pip install .)', () => {
      const d = only(lines('FROM python:3.12-slim', 'COPY . .', 'RUN pip install --no-cache-dir .'), 'copy-all-before-install');
      expect(d).toHaveLength(1);
      expect(d[0]!.fixes.map((f) => f.title)).toEqual(['Silence copy-all-before-install here']);
    });
    it('is quiet when the manifest is copied first, and across stages', () => {
      expect(only(GOOD, 'copy-all-before-install')).toEqual([]);
      expect(only(lines('FROM node:22 AS a', 'COPY . .', 'FROM node:22', 'RUN npm ci'), 'copy-all-before-install')).toEqual([]);
      expect(only(lines('FROM node:22 AS a', 'FROM node:22', 'COPY --from=a . .', 'RUN npm ci'), 'copy-all-before-install')).toEqual([]);
    });
  });

  describe('pip-no-cache-dir', () => {
    it('fires on pip install without --no-cache-dir; the fix adds it after install', () => {
      const text = lines('FROM python:3.12-slim', 'RUN pip install -r requirements.txt && python -m pip install gunicorn');
      const d = only(text, 'pip-no-cache-dir');
      expect(d).toHaveLength(1);
      expect(d[0]!.range).toEqual({ startLine: 2, startColumn: 5, endLine: 2, endColumn: 16 });
      expect(fix(text, 'pip-no-cache-dir')).toBe(lines('FROM python:3.12-slim', 'RUN pip install --no-cache-dir -r requirements.txt && python -m pip install gunicorn'));
    });
    it('is quiet with --no-cache-dir, PIP_NO_CACHE_DIR or a cache mount', () => {
      expect(only(GOOD, 'pip-no-cache-dir')).toEqual([]);
      expect(only(lines('FROM python:3.12', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install x'), 'pip-no-cache-dir')).toEqual([]);
      expect(only(lines('FROM python:3.12', 'RUN --mount=type=cache,target=/root/.cache pip install x'), 'pip-no-cache-dir')).toEqual([]);
    });
  });

  describe('apt-lists-not-removed', () => {
    it('fires on apt-get install that keeps the lists; the fix removes them in the same RUN', () => {
      const text = lines('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y --no-install-recommends curl', 'USER 1');
      expect(only(text, 'apt-lists-not-removed')[0]!.range.startLine).toBe(3);
      expect(fix(text, 'apt-lists-not-removed')).toBe(
        lines('FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y --no-install-recommends curl \\', '    && rm -rf /var/lib/apt/lists/*', 'USER 1'),
      );
    });
    it('is quiet when the lists are removed', () => {
      expect(only(lines('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'), 'apt-lists-not-removed')).toEqual([]);
    });
  });

  describe('apk-no-cache', () => {
    it('fires on apk add; the fix adds --no-cache', () => {
      const text = lines('FROM alpine:3.20', 'RUN apk add curl');
      expect(fix(text, 'apk-no-cache')).toBe(lines('FROM alpine:3.20', 'RUN apk add --no-cache curl'));
    });
    it('is quiet with --no-cache', () => {
      expect(only(lines('FROM alpine:3.20', 'RUN apk add --no-cache curl'), 'apk-no-cache')).toEqual([]);
    });
  });

  describe('npm-install-without-lock', () => {
    const text = lines('FROM node:22-slim', 'COPY package*.json ./', 'RUN npm install --omit=dev', 'COPY . .');
    it('offers npm ci when the context has a lock file', () => {
      const facts = { names: ['package.json', 'package-lock.json'], hasDockerignore: true };
      expect(only(text, 'npm-install-without-lock', facts)).toHaveLength(1);
      expect(fix(text, 'npm-install-without-lock', facts)).toBe(text.replace('npm install', 'npm ci'));
    });
    it('says to commit a lock file when there is none, without a fix that would fail', () => {
      const d = only(text, 'npm-install-without-lock', { names: ['package.json'], hasDockerignore: true });
      expect(d[0]!.message).toMatch(/no package-lock.json/);
      expect(d[0]!.fixes.map((f) => f.title)).toEqual(['Silence npm-install-without-lock here']);
    });
    it('is quiet on npm ci and on installing a named tool', () => {
      expect(only(text.replace('npm install', 'npm ci'), 'npm-install-without-lock')).toEqual([]);
      expect(only(lines('FROM node:22', 'RUN npm install -g pm2'), 'npm-install-without-lock')).toEqual([]);
      expect(only(lines('FROM node:22', 'RUN npm install express'), 'npm-install-without-lock')).toEqual([]);
    });
  });

  describe('no-user', () => {
    it('fires when the final stage has no USER, at its FROM', () => {
      const d = only(lines('FROM node:22 AS build', 'USER node', 'FROM node:22-slim', 'CMD ["node", "x"]'), 'no-user');
      expect(d).toHaveLength(1);
      expect(d[0]!.range.startLine).toBe(3);
    });
    it('fires when the last USER is root', () => {
      expect(only(lines('FROM x:1', 'USER 1', 'USER root'), 'no-user')[0]!.range.startLine).toBe(3);
    });
    it('is quiet with an unprivileged USER', () => {
      expect(only(GOOD, 'no-user')).toEqual([]);
    });
  });

  describe('shell-form-cmd', () => {
    it('fires on shell-form CMD and ENTRYPOINT; a plain command converts to exec form', () => {
      const text = lines('FROM x:1', 'USER 1', 'CMD python app.py --port 8000');
      expect(only(text, 'shell-form-cmd')).toHaveLength(1);
      expect(fix(text, 'shell-form-cmd')).toBe(lines('FROM x:1', 'USER 1', 'CMD ["python", "app.py", "--port", "8000"]'));
      expect(only(lines('FROM x:1', 'ENTRYPOINT ./run.sh'), 'shell-form-cmd')).toHaveLength(1);
    });
    it('offers no conversion when the command needs a shell', () => {
      const d = only(lines('FROM x:1', 'CMD python app.py --port $PORT'), 'shell-form-cmd');
      expect(d[0]!.fixes.map((f) => f.title)).toEqual(['Silence shell-form-cmd here']);
    });
    it('is quiet on exec form', () => {
      expect(only(GOOD, 'shell-form-cmd')).toEqual([]);
    });
  });

  describe('add-instead-of-copy', () => {
    it('fires on ADD of local files; the fix says COPY', () => {
      const text = lines('FROM x:1', 'ADD --chown=1:1 src/ /app/');
      expect(fix(text, 'add-instead-of-copy')).toBe(lines('FROM x:1', 'COPY --chown=1:1 src/ /app/'));
    });
    it('is quiet on archives and URLs', () => {
      expect(only(lines('FROM x:1', 'ADD rootfs.tar.gz /', 'ADD https://example.com/x /x', 'ADD git@github.com:a/b.git /b'), 'add-instead-of-copy')).toEqual([]);
    });
  });

  describe('secret-in-env', () => {
    it('fires on ENV and ARG names that look like secrets, at the name', () => {
      const d = only(lines('FROM x:1', 'ARG NPM_TOKEN', 'ENV DB_HOST=db DB_PASSWORD=hunter2'), 'secret-in-env');
      expect(d.map((x) => [x.range.startLine, x.range.startColumn])).toEqual([
        [2, 5],
        [3, 16],
      ]);
      expect(d[1]!.message).toMatch(/docker inspect/);
    });
    it('is quiet on ordinary names and *_FILE', () => {
      expect(only(lines('FROM x:1', 'ENV PORT=8000 DB_PASSWORD_FILE=/run/secrets/db'), 'secret-in-env')).toEqual([]);
    });
  });

  describe('missing-dockerignore', () => {
    it('fires when the context holds .git or .env and has no .dockerignore; the fix creates one', () => {
      const d = only(GOOD, 'missing-dockerignore', { names: ['.git', '.env', 'app.py'], hasDockerignore: false });
      expect(d).toHaveLength(1);
      expect(d[0]!.message).toMatch(/\.git, \.env/);
      const file = d[0]!.fixes[0]!.createFile!;
      expect(file.name).toBe('.dockerignore');
      expect(file.text.split('\n')).toEqual(expect.arrayContaining(['.git', '.env']));
    });
    it('is quiet with a .dockerignore, with a clean context, or when the context is unknown', () => {
      expect(only(GOOD, 'missing-dockerignore', { names: ['.git'], hasDockerignore: true })).toEqual([]);
      expect(only(GOOD, 'missing-dockerignore', { names: ['app.py'], hasDockerignore: false })).toEqual([]);
      expect(only(GOOD, 'missing-dockerignore', null)).toEqual([]);
    });
  });

  describe('silencing', () => {
    const text = lines('FROM python', 'USER 1');
    it('a berth-ignore comment above the instruction silences that rule there', () => {
      expect(only(lines('# berth-ignore: from-latest', 'FROM python', 'USER 1'), 'from-latest')).toEqual([]);
      expect(only(lines('# berth-ignore: no-user', 'FROM python', 'USER 1'), 'from-latest')).toHaveLength(1);
    });
    it('berth-ignore-file silences a rule everywhere', () => {
      expect(only(lines('# berth-ignore-file: from-latest', '', 'FROM python', 'FROM node'), 'from-latest')).toEqual([]);
    });
    it('the silence fix adds the comment, or extends the one there', () => {
      expect(fix(text, 'from-latest', null, 0)).toBe(lines('# berth-ignore: from-latest', 'FROM python', 'USER 1'));
      const commented = lines('# berth-ignore: no-user', 'FROM python');
      expect(fix(commented, 'from-latest', null, 0)).toBe(lines('# berth-ignore: no-user from-latest', 'FROM python'));
      expect(only(fix(text, 'from-latest', null, 0), 'from-latest')).toEqual([]);
    });
  });
});

describe('lineOfStep', () => {
  it('counts instructions as the classic builder numbers steps, global ARGs included', () => {
    const text = lines('# syntax=docker/dockerfile:1', 'ARG V=3', '', 'FROM python:${V}', '# a comment', 'RUN a \\', '  b', 'CMD ["x"]');
    expect([1, 2, 3, 4, 5].map((n) => lineOfStep(text, n))).toEqual([2, 4, 6, 8, null]);
  });
});

describe('in a page without Node', () => {
  it('parses with no Buffer on globalThis, and leaves none behind', () => {
    const g = globalThis as { Buffer?: unknown };
    const saved = g.Buffer;
    delete g.Buffer;
    try {
      expect(only('\uFEFFFROM python\n', 'from-latest')).toHaveLength(1);
      expect(g.Buffer).toBeUndefined();
    } finally {
      g.Buffer = saved;
    }
  });
});

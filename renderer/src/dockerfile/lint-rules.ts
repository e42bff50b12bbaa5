import type { From, Property } from 'dockerfile-ast';
import type { DockerfileDocument, Step } from './lint-document';
import type { ContextFacts, DockerfileDiagnostic, QuickFix, RuleId } from './lint-types';
import { dockerignoreFor } from '../../../preload/contract/dockerignore';

/**
 * The best-practice rules, each a pure function of the parsed file (and what the context holds). A rule reports
 * where the problem is, why it costs something, and a fix only where applying it cannot change what the image does.
 */
export type Rule = (doc: DockerfileDocument, facts: ContextFacts | null) => Omit<DockerfileDiagnostic, 'rule'>[];

const warn = (range: DockerfileDiagnostic['range'], message: string, fixes: QuickFix[] = []) => ({ severity: 'warning' as const, range, message, fixes });

/** Where a match of `re` in a step's raw text lies, as an offset in the whole file. */
function find(step: Step, re: RegExp): { offset: number; text: string } | null {
  const m = re.exec(step.raw);
  return m ? { offset: step.offset + m.index, text: m[0] } : null;
}

/** Stage names declared so far (`FROM … AS name`), lower-cased. */
function stageNames(doc: DockerfileDocument): Set<string> {
  const names = new Set<string>();
  for (const s of doc.steps) if (s.keyword === 'FROM') names.add(((s.instruction as From).getBuildStage() ?? '').toLowerCase());
  return names;
}

const fromLatest: Rule = (doc) => {
  const stages = stageNames(doc);
  const out: ReturnType<Rule> = [];
  for (const s of doc.steps) {
    if (s.keyword !== 'FROM') continue;
    const from = s.instruction as From;
    const name = from.getImageName();
    if (!name || name === 'scratch' || stages.has(name.toLowerCase()) || from.getImageDigest()) continue;
    const tag = from.getImageTag();
    if (tag === null && name.includes('$')) continue; // `FROM ${BASE}`: the tag is in the variable
    if (tag !== null && tag !== 'latest') continue;
    const range = doc.toRange(from.getImageRange()!);
    out.push(
      warn(
        range,
        tag === null
          ? `${name} has no tag, so it means ${name}:latest: each build can get a different image, and when it moves every layer is rebuilt. Pin a version (e.g. ${name}:1.2-slim).`
          : `${name}:latest moves: each build can get a different image, and when it moves every layer is rebuilt. Pin a version (e.g. ${name}:1.2-slim).`,
      ),
    );
  }
  return out;
};

/** Installs that read a manifest from the context: the manifests to copy first, or null when the install needs the source too. */
interface Install {
  name: string;
  manifests: string[] | null;
}
function installIn(run: string): Install | null {
  const text = run.replace(/\\\r?\n/g, ' ');
  const req = /\bpip3?\s+install\b[^&|;]*?(?:-r|--requirement)[\s=]+(\S+)/.exec(text);
  if (req) return { name: 'pip install', manifests: [req[1]!] };
  if (/\bpip3?\s+install\b[^&|;]*\s\.(\s|$)/.test(text)) return { name: 'pip install .', manifests: null };
  if (/\bpoetry\s+install\b/.test(text)) return { name: 'poetry install', manifests: ['pyproject.toml', 'poetry.lock'] };
  if (/\buv\s+sync\b/.test(text)) return { name: 'uv sync', manifests: ['pyproject.toml', 'uv.lock'] };
  if (/\bnpm\s+(ci|install|i)\b(?!\s+[^-&|;\s])/.test(text)) return { name: 'npm install', manifests: ['package*.json'] };
  if (/\byarn(\s+install)?\s*($|&&|;|--)/.test(text)) return { name: 'yarn install', manifests: ['package.json', 'yarn.lock'] };
  if (/\bpnpm\s+(install|i)\b/.test(text)) return { name: 'pnpm install', manifests: ['package.json', 'pnpm-lock.yaml'] };
  if (/\bgo\s+mod\s+download\b/.test(text)) return { name: 'go mod download', manifests: ['go.mod', 'go.sum'] };
  if (/\bbundle\s+install\b/.test(text)) return { name: 'bundle install', manifests: ['Gemfile', 'Gemfile.lock'] };
  if (/\bcomposer\s+install\b/.test(text)) return { name: 'composer install', manifests: ['composer.json', 'composer.lock'] };
  return null;
}

const WHOLE_CONTEXT = new Set(['.', './', '*', './*']);

const copyAllBeforeInstall: Rule = (doc) => {
  const out: ReturnType<Rule> = [];
  doc.steps.forEach((copy, i) => {
    if (copy.keyword !== 'COPY' && copy.keyword !== 'ADD') return;
    const args = copy.instruction.getArguments();
    if (args.length < 2) return;
    const sources = args.slice(0, -1);
    if (!sources.some((a) => WHOLE_CONTEXT.has(a.getValue()))) return;
    if (/--from[=\s]/.test(copy.raw)) return; // from another stage, not the context
    const later = doc.steps.slice(i + 1).filter((s) => s.stage === copy.stage && s.keyword === 'RUN');
    const run = later.find((s) => installIn(s.raw));
    if (!run) return;
    const install = installIn(run.raw)!;
    const fixes: QuickFix[] = [];
    // Safe when the install reads only its manifests and the COPY is one plain line: copy them first, the rest after.
    if (install.manifests && sources.length === 1 && copy.range.startLine === copy.range.endLine) {
      const src = sources[0]!;
      const srcRange = doc.toRange(src.getRange());
      const manifestCopy = copy.raw.slice(0, srcRange.startColumn - copy.range.startColumn) + install.manifests.join(' ') + copy.raw.slice(srcRange.endColumn - copy.range.startColumn);
      const endOfRun = run.offset + run.raw.length;
      fixes.push({
        title: `Copy ${install.manifests.join(' ')} first, the rest after ${install.name}`,
        edits: [
          { range: doc.rangeAt(copy.offset, copy.raw.length), text: manifestCopy },
          doc.insertAt(endOfRun, `\n${doc.indentOf(copy.range.startLine)}${copy.raw}`),
        ],
      });
    }
    out.push(
      warn(
        copy.range,
        `${copy.keyword} ${sources.map((a) => a.getValue()).join(' ')} comes before ${install.name} (line ${run.range.startLine}): any edit to any file invalidates the cache here, so the dependencies are installed again on every build. Copy ${install.manifests ? install.manifests.join(' ') : 'the dependency manifest'} first, install, then copy the rest.`,
        fixes,
      ),
    );
  });
  return out;
};

const pipNoCacheDir: Rule = (doc) => {
  const out: ReturnType<Rule> = [];
  const envNoCache = new Set<number>();
  for (const s of doc.steps) {
    if ((s.keyword === 'ENV' || s.keyword === 'ARG') && /\bPIP_NO_CACHE_DIR\b/.test(s.raw)) envNoCache.add(s.stage);
    if (s.keyword !== 'RUN' || envNoCache.has(s.stage)) continue;
    if (/--no-cache-dir\b/.test(s.raw) || /--mount=type=cache/.test(s.raw)) continue;
    const m = find(s, /\b(?:pip3?|python3?\s+-m\s+pip)\s+install\b/);
    if (!m) continue;
    out.push(
      warn(doc.rangeAt(m.offset, m.text.length), `${m.text} keeps its download cache in the image layer (often tens of MB). Add --no-cache-dir.`, [
        { title: 'Add --no-cache-dir', edits: [doc.insertAt(m.offset + m.text.length, ' --no-cache-dir')] },
      ]),
    );
  }
  return out;
};

const aptListsNotRemoved: Rule = (doc) => {
  const out: ReturnType<Rule> = [];
  for (const s of doc.steps) {
    if (s.keyword !== 'RUN' || /--mount=type=cache/.test(s.raw)) continue;
    const m = find(s, /\bapt(?:-get)?\s+(?:[-\w=]+\s+)*install\b/);
    if (!m || /rm\s+-(?:rf|fr)\s+\/var\/lib\/apt\/lists/.test(s.raw)) continue;
    const shellForm = !/^\s*\[/.test(s.instruction.getArgumentsContent() ?? '') && !/<</.test(s.raw);
    out.push(
      warn(
        doc.rangeAt(m.offset, m.text.length),
        'apt-get install leaves the package lists (/var/lib/apt/lists, ~20-40 MB) in this layer. Remove them in the same RUN: a later RUN cannot take them out of this layer.',
        shellForm ? [{ title: 'Remove the apt lists in the same RUN', edits: [doc.insertAt(s.offset + s.raw.length, ' \\\n    && rm -rf /var/lib/apt/lists/*')] }] : [],
      ),
    );
  }
  return out;
};

const apkNoCache: Rule = (doc) => {
  const out: ReturnType<Rule> = [];
  for (const s of doc.steps) {
    if (s.keyword !== 'RUN' || /--no-cache\b/.test(s.raw) || /--mount=type=cache/.test(s.raw)) continue;
    const m = find(s, /\bapk\s+add\b/);
    if (!m || /rm\s+-(?:rf|fr)\s+\/var\/cache\/apk/.test(s.raw)) continue;
    out.push(
      warn(doc.rangeAt(m.offset, m.text.length), 'apk add keeps its index in /var/cache/apk in this layer. Add --no-cache.', [
        { title: 'Add --no-cache', edits: [doc.insertAt(m.offset + m.text.length, ' --no-cache')] },
      ]),
    );
  }
  return out;
};

const LOCKS = ['package-lock.json', 'npm-shrinkwrap.json'];
const npmInstallWithoutLock: Rule = (doc, facts) => {
  const out: ReturnType<Rule> = [];
  for (const s of doc.steps) {
    if (s.keyword !== 'RUN') continue;
    // `npm install` of the project (flags only), not `npm install -g some-tool`.
    const m = find(s, /\bnpm\s+(?:install|i)\b(?=(?:\s+-[-\w=]+)*\s*(?:$|&&|;|\|\||\\))/);
    if (!m || /\s-g\b|--global\b/.test(s.raw)) continue;
    const lockKnown = facts ? LOCKS.some((l) => facts.names.includes(l)) : null;
    const fixes: QuickFix[] = lockKnown ? [{ title: 'Use npm ci', edits: [{ range: doc.rangeAt(m.offset, m.text.length), text: 'npm ci' }] }] : [];
    out.push(
      warn(
        doc.rangeAt(m.offset, m.text.length),
        lockKnown === false
          ? 'npm install resolves versions afresh on each build, and the context has no package-lock.json. Commit a lock file and use npm ci, which installs exactly what it says.'
          : 'npm install can resolve other versions than package-lock.json says, and rewrites it. npm ci installs exactly the lock file (and fails when it disagrees with package.json).',
        fixes,
      ),
    );
  }
  return out;
};

const noUser: Rule = (doc) => {
  const last = Math.max(...doc.steps.map((s) => s.stage));
  if (last < 0) return [];
  const stage = doc.steps.filter((s) => s.stage === last);
  const users = stage.filter((s) => s.keyword === 'USER');
  const user = users.at(-1);
  const name = user?.instruction.getArgumentsContent()?.trim().split(':')[0];
  if (user && name !== 'root' && name !== '0') return [];
  return [
    warn(
      (user ?? stage[0]!).range,
      user
        ? `The image ends as ${name}: its process runs as root, and a break-out from it is root on the host's kernel. Switch to an unprivileged user after the installs (USER 10001).`
        : 'No USER: the image runs as root, and a break-out from it is root on the host\'s kernel. Add an unprivileged user after the installs (e.g. USER 10001) — files the app writes must belong to it.',
    ),
  ];
};

/** Characters that make a shell-form command mean something only a shell can do. */
const SHELL_SYNTAX = /[$&|;<>()`*?~'"\\{}[\]#!=]/;
const shellFormCmd: Rule = (doc) => {
  const out: ReturnType<Rule> = [];
  for (const s of doc.steps) {
    if (s.keyword !== 'CMD' && s.keyword !== 'ENTRYPOINT') continue;
    const content = s.instruction.getArgumentsContent() ?? '';
    if (!content.trim() || content.trimStart().startsWith('[')) continue;
    const fixes: QuickFix[] = [];
    const argsRange = s.instruction.getArgumentsRange();
    if (!SHELL_SYNTAX.test(content) && s.range.startLine === s.range.endLine && argsRange) {
      const words = content.trim().split(/\s+/);
      fixes.push({ title: `Use the exec form: ${JSON.stringify(words).replace(/","/g, '", "')}`, edits: [{ range: doc.toRange(argsRange), text: JSON.stringify(words).replace(/","/g, '", "') }] });
    }
    out.push(
      warn(
        s.range,
        `${s.keyword} in shell form runs under /bin/sh -c: your process is not PID 1, never gets the SIGTERM of docker stop, and is killed after the 10 s timeout. Use the exec form ["executable", "arg"].`,
        fixes,
      ),
    );
  }
  return out;
};

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
const REMOTE = /^(https?|git):\/\/|^git@|\.git(#.*)?$/;
const addInsteadOfCopy: Rule = (doc) => {
  const out: ReturnType<Rule> = [];
  for (const s of doc.steps) {
    if (s.keyword !== 'ADD') continue;
    const args = s.instruction.getArguments();
    if (args.length < 2) continue;
    const sources = args.slice(0, -1).map((a) => a.getValue());
    if (sources.some((v) => ARCHIVE.test(v) || REMOTE.test(v) || v.includes('$'))) continue;
    const addOnly = /--(checksum|keep-git-dir)\b/.test(s.raw);
    const kw = doc.toRange(s.instruction.getInstructionRange());
    out.push({
      severity: 'info',
      range: kw,
      message: 'ADD of local files does what COPY does, plus unpacking archives and fetching URLs you did not ask for. Use COPY.',
      fixes: addOnly ? [] : [{ title: 'Use COPY', edits: [{ range: kw, text: s.raw.slice(0, 3) === 'add' ? 'copy' : 'COPY' }] }],
    });
  }
  return out;
};

const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)/i;
const secretInEnv: Rule = (doc) => {
  const out: ReturnType<Rule> = [];
  for (const s of doc.steps) {
    if (s.keyword !== 'ENV' && s.keyword !== 'ARG') continue;
    const props = (s.instruction as unknown as { getProperties(): Property[] }).getProperties?.() ?? [];
    for (const p of props) {
      const name = p.getName();
      if (!SECRET_NAME.test(name) || /_(FILE|PATH|DIR)$/i.test(name)) continue;
      out.push(
        warn(
          doc.toRange(p.getNameRange()),
          s.keyword === 'ENV'
            ? `${name} looks like a secret: ENV values are stored in the image, where docker inspect and docker history show them to anyone who pulls it. Pass it at run time, or use a build secret (RUN --mount=type=secret).`
            : `${name} looks like a secret: build args are recorded in the image history (docker history shows them). Use a build secret (RUN --mount=type=secret) instead.`,
        ),
      );
    }
  }
  return out;
};

/** Names that should not reach the engine with every build. */
const HEAVY_OR_PRIVATE = ['.git', 'node_modules', '.env', '.venv', '__pycache__'];
const missingDockerignore: Rule = (doc, facts) => {
  if (!facts || facts.hasDockerignore) return [];
  const found = HEAVY_OR_PRIVATE.filter((n) => facts.names.includes(n));
  if (found.length === 0) return [];
  const first = doc.steps[0];
  const range = first ? doc.toRange(first.instruction.getInstructionRange()) : { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
  return [
    warn(
      range,
      `There is no .dockerignore, and the build context holds ${found.join(', ')}: every build sends ${found.length > 1 ? 'them' : 'it'} to the engine${found.includes('.env') ? ', and COPY . puts .env (with its secrets) in the image' : ''}.`,
      [{ title: 'Create a .dockerignore', edits: [], createFile: { name: '.dockerignore', text: dockerignoreFor(facts.names) } }],
    ),
  ];
};

export const RULES: Record<Exclude<RuleId, 'syntax'>, Rule> = {
  'from-latest': fromLatest,
  'copy-all-before-install': copyAllBeforeInstall,
  'pip-no-cache-dir': pipNoCacheDir,
  'apt-lists-not-removed': aptListsNotRemoved,
  'apk-no-cache': apkNoCache,
  'npm-install-without-lock': npmInstallWithoutLock,
  'no-user': noUser,
  'shell-form-cmd': shellFormCmd,
  'add-instead-of-copy': addInsteadOfCopy,
  'secret-in-env': secretInEnv,
  'missing-dockerignore': missingDockerignore,
};

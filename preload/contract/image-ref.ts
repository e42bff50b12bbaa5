/**
 * Image references (`registry:5000/team/app:1.2`, `busybox`, `app@sha256:…`), parsed the way the engine's
 * distribution/reference grammar does, with a message a person understands when one is wrong. Pure; used by the
 * contract's schemas (main validates) and by the renderer (validation as you type).
 */

export interface ImageRef {
  /** Registry host (and port) as written, or 'docker.io' when none was given. */
  domain: string;
  /** Repository path inside the registry; 'library/busybox' for Docker Hub's official images. */
  path: string;
  /** The tag, or null when only a digest was given. `latest` is filled in when neither was. */
  tag: string | null;
  digest: string | null;
  /** The name as the docker CLI shows it: no docker.io/, no library/. */
  familiarName: string;
  /** familiarName plus :tag and/or @digest. */
  familiar: string;
}

export type ParsedRef = { ok: true; ref: ImageRef } | { ok: false; message: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$/;
const IPV6_DOMAIN = /^\[[0-9a-fA-F:]+\](?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME = 255;

export const DOCKER_HUB = 'docker.io';

/** Whether the first path component names a registry, as the docker CLI decides it. */
function looksLikeDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}

/**
 * Parses a reference. `defaultTag` fills in `latest` when no tag or digest is given (pass false to keep null:
 * a repository name on its own).
 */
export function parseImageRef(input: string, { defaultTag = true }: { defaultTag?: boolean } = {}): ParsedRef {
  const fail = (message: string): ParsedRef => ({ ok: false, message });
  const text = input.trim();
  if (text === '') return fail('An image reference is needed, e.g. "busybox:latest".');
  if (/\s/.test(text)) return fail(`"${input}" contains a space; image references cannot.`);

  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail(`"${digest}" is not a digest (expected e.g. sha256: and 64 hex characters).`);
  }

  let tag: string | null = null;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (tag === '') return fail(`"${input}" ends with ":" but no tag; write a tag after it or leave the colon out.`);
    if (!TAG.test(tag)) {
      return fail(
        `"${tag}" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".`,
      );
    }
  }
  if (rest === '') return fail(`"${input}" has no repository name.`);

  const parts = rest.split('/');
  let domain = DOCKER_HUB;
  if (parts.length > 1 && looksLikeDomain(parts[0]!)) {
    domain = parts.shift()!;
    if (!DOMAIN.test(domain) && !IPV6_DOMAIN.test(domain)) return fail(`"${domain}" is not a registry host (host or host:port).`);
  }
  for (const part of parts) {
    if (part === '') return fail(`"${input}" has an empty path component ("//" or a "/" at an end).`);
    if (part !== part.toLowerCase()) {
      return fail(`Repository names must be lowercase: "${part}" has capital letters (tags may have them, names may not).`);
    }
    if (!COMPONENT.test(part)) {
      return fail(
        `"${part}" is not a valid repository name component: lowercase letters and digits, separated by ".", "_", "__" or "-".`,
      );
    }
  }
  let path = parts.join('/');
  if (domain === DOCKER_HUB && parts.length === 1) path = `library/${path}`;
  const fullName = `${domain}/${path}`;
  if (fullName.length > MAX_NAME) return fail(`The repository name is ${fullName.length} characters; at most ${MAX_NAME} are allowed.`);

  if (tag === null && digest === null && defaultTag) tag = 'latest';
  const familiarName = domain === DOCKER_HUB ? path.replace(/^library\//, '') : `${domain}/${path}`;
  const familiar = `${familiarName}${tag !== null ? `:${tag}` : ''}${digest !== null ? `@${digest}` : ''}`;
  return { ok: true, ref: { domain, path, tag, digest, familiarName, familiar } };
}

/** The message for a bad reference, or null when it is fine (for zod's `refine` and form validation). */
export function imageRefProblem(input: string, options?: { defaultTag?: boolean }): string | null {
  const parsed = parseImageRef(input, options);
  return parsed.ok ? null : parsed.message;
}

/** A tag on its own (the part after the colon). */
export function tagProblem(tag: string): string | null {
  if (tag === '') return 'The tag is empty.';
  return TAG.test(tag) ? null : `"${tag}" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".`;
}

/** The registry host a reference lives in ('docker.io' for Hub). */
export function registryOf(input: string): string | null {
  const parsed = parseImageRef(input);
  return parsed.ok ? parsed.ref.domain : null;
}

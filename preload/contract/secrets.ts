import { splitKeyValue } from './key-value';

/**
 * Which environment variables hold secrets, by their NAME: the one rule the Inspect tab, the run dialog and anything
 * else that shows env vars use to mask values until the user asks to see them. Pure, no I/O.
 *
 * A name is secret when one of its words (split on `_`, `-`, `.` and camelCase) is a secret word, or when it ends in
 * a secret suffix glued to a word (`APIKEY`, `DBPASS`). Words, not substrings: `KEYBOARD_LAYOUT`, `MONKEY` and
 * `AUTHOR` are not secrets, `API_KEY`, `GITHUB_TOKEN`, `PGPASSWORD`, `AWS_SECRET_ACCESS_KEY` and `sshPrivateKey` are.
 */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'secrets',
  'token',
  'tokens',
  'key',
  'keys',
  'apikey',
  'private',
  'credential',
  'credentials',
  'creds',
  'auth',
  'authorization',
  'cookie',
  'session',
  'signature',
  'salt',
  'dsn',
  'passphrase',
  'cert',
  'pat',
]);

/** Glued suffixes (`PGPASSWORD`, `MYSQL_ROOTPASS`, `SENTRYDSN`, `APIKEY`): checked on the last word only. */
const SECRET_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'privatekey', 'dsn'];

/** Names whose value is a plain setting even though a word matches (`*_KEY_FILE` is a path, not the key). */
const NOT_SECRET = /(_FILE|_PATH|_DIR|_URL_FILE|_HOST|_PORT|_USER|_USERNAME|_ID_FILE|_LENGTH|_TTL|_TIMEOUT|_EXPIRY|_EXPIRES)$/i;

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isSecretName(name: string): boolean {
  if (!name || NOT_SECRET.test(name)) return false;
  const words = nameWords(name);
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  const last = words[words.length - 1] ?? '';
  return SECRET_SUFFIXES.some((s) => last.length > s.length && last.endsWith(s));
}

export const MASK = '••••••••';

export interface EnvVar {
  name: string;
  value: string;
  secret: boolean;
}

/** `NAME=value` entries as the engine lists them (`Config.Env`); an entry without `=` has an empty value. */
export function parseEnv(env: readonly string[]): EnvVar[] {
  return env.map((entry) => {
    const { key: name, value } = splitKeyValue(entry, '');
    return { name, value, secret: isSecretName(name) };
  });
}

/** The same entries with secret values replaced by the mask; empty values stay empty (nothing to hide). */
export function maskEnv(env: readonly string[]): string[] {
  return parseEnv(env).map((v, i) => (v.secret && v.value ? `${v.name}=${MASK}` : env[i]!));
}

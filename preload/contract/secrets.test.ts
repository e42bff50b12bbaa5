import { describe, expect, it } from 'vitest';
import { isSecretName, MASK, maskEnv, parseEnv } from './secrets';

describe('isSecretName', () => {
  it.each([
    'PASSWORD',
    'POSTGRES_PASSWORD',
    'PGPASSWORD',
    'MYSQL_ROOT_PASSWORD',
    'DB_PASS',
    'AWS_SECRET_ACCESS_KEY',
    'API_KEY',
    'APIKEY',
    'STRIPE_API_KEY',
    'GITHUB_TOKEN',
    'NPM_TOKEN',
    'SECRET_KEY_BASE',
    'PRIVATE_KEY',
    'sshPrivateKey',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'BASIC_AUTH',
    'SENTRY_DSN',
    'client-secret',
  ])('%s is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['PATH', 'HOME', 'HOSTNAME', 'KEYBOARD_LAYOUT', 'MONKEY', 'AUTHOR', 'TOKENIZER_PARALLELISM_', 'LANG', 'NODE_VERSION', 'PASSWORD_FILE', 'SECRET_KEY_PATH', 'DB_USER', ''])(
    '%s is not secret',
    (name) => {
      expect(isSecretName(name)).toBe(false);
    },
  );
});

describe('parseEnv / maskEnv', () => {
  it('splits on the first = only and flags secrets', () => {
    expect(parseEnv(['A=b=c', 'TOKEN=x', 'EMPTY'])).toEqual([
      { name: 'A', value: 'b=c', secret: false },
      { name: 'TOKEN', value: 'x', secret: true },
      { name: 'EMPTY', value: '', secret: false },
    ]);
  });
  it('masks secret values and leaves the rest untouched', () => {
    expect(maskEnv(['PATH=/bin', 'DB_PASSWORD=hunter2', 'API_KEY='])).toEqual(['PATH=/bin', `DB_PASSWORD=${MASK}`, 'API_KEY=']);
  });
});

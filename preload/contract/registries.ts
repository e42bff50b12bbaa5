import { z } from 'zod';
import { method } from './define';
import { empty } from './common';

/** A registry Berth has credentials for (never the secret itself). */
export interface RegistryAccount {
  /** As keyed in the docker config: 'https://index.docker.io/v1/', '127.0.0.1:5000', … */
  server: string;
  username: string | null;
  /** Where the secret is kept: the config file itself (base64, not encrypted) or a credential helper. */
  store: { kind: 'config-file' } | { kind: 'helper'; helper: string };
}

export interface CatalogPage {
  repositories: string[];
  /** Pass as `last` for the next page; null at the end. */
  next: string | null;
}

/** A registry host, with an optional port: no scheme, no path. */
export const registryServer = z
  .string()
  .trim()
  .min(1, 'a registry address is needed')
  .max(256)
  .transform((s) => s.replace(/^https?:\/\//, '').replace(/\/+$/, ''))
  .pipe(
    z
      .string()
      .regex(/^(\[[0-9a-fA-F:]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?)(:[0-9]{1,5})?(\/v1)?$/, 'a registry is a host or host:port, e.g. registry.example.com or 127.0.0.1:5000'),
  );

const repository = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'not a repository name');

export const registriesContract = {
  /** Registries with stored credentials (from the docker config: auths, credsStore, credHelpers). */
  list: method<RegistryAccount[]>()(empty),
  /** Checks the credentials against the registry, then stores them where the docker CLI would. */
  login: method<RegistryAccount>()(
    z.strictObject({
      server: registryServer,
      username: z.string().min(1, 'a username is needed').max(256),
      password: z.string().min(1, 'a password or token is needed').max(8192),
    }),
  ),
  logout: method<void>()(z.strictObject({ server: registryServer })),
  /** One page of the registry's repositories (Registry HTTP API v2 `/v2/_catalog`). */
  catalog: method<CatalogPage>()(
    z.strictObject({ server: registryServer, last: z.string().max(255).optional(), n: z.number().int().min(1).max(1000).default(100) }),
  ),
  tags: method<string[]>()(z.strictObject({ server: registryServer, repository })),
};

import type { AreaImplementation } from '../../preload/contract';
import type { CatalogPage, RegistryAccount } from '../../preload/contract/registries';
import { RegistryClient, nextLast } from './registries-client';
import { DockerConfig, HUB_SERVER, configKeyOf } from './registries-config';

/** Login, logout and browsing registries; credentials live in the docker config, never in Berth's settings. */
export class RegistriesService implements AreaImplementation<'registries'> {
  readonly config: DockerConfig;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.config = new DockerConfig(env);
  }

  list(): Promise<RegistryAccount[]> {
    return this.config.list();
  }

  /** Checks the credentials with the registry first (GET /v2/ through its challenge), then stores them. */
  async login(input: { server: string; username: string; password: string }): Promise<RegistryAccount> {
    const server = input.server.replace(/\/v1$/, '');
    const creds = { username: input.username, password: input.password };
    await new RegistryClient(server, creds).get('/v2/');
    return this.config.store(server, creds);
  }

  logout(input: { server: string }): Promise<void> {
    return this.config.erase(input.server.replace(/\/v1$/, ''));
  }

  async catalog(input: { server: string; last?: string | undefined; n: number }): Promise<CatalogPage> {
    const query = new URLSearchParams({ n: String(input.n) });
    if (input.last) query.set('last', input.last);
    const res = await (await this.client(input.server)).get(`/v2/_catalog?${query}`);
    const repositories = (res.json as { repositories?: string[] } | null)?.repositories ?? [];
    return { repositories, next: nextLast(res.headers.get('link')) };
  }

  async tags(input: { server: string; repository: string }): Promise<string[]> {
    const res = await (await this.client(input.server)).get(`/v2/${input.repository}/tags/list`);
    const tags = (res.json as { tags?: string[] | null } | null)?.tags ?? [];
    return [...tags].sort((a, b) => (a === 'latest' ? -1 : b === 'latest' ? 1 : b.localeCompare(a, undefined, { numeric: true })));
  }

  /** The engine's X-Registry-Auth for a registry (null when there is nothing stored: anonymous). */
  async authFor(registry: string): Promise<Record<string, string> | null> {
    const creds = await this.config.get(registry);
    if (!creds) return null;
    const serveraddress = configKeyOf(registry) === HUB_SERVER ? HUB_SERVER : registry;
    return creds.identityToken
      ? { identitytoken: creds.identityToken, serveraddress }
      : { username: creds.username, password: creds.password ?? '', serveraddress };
  }

  private async client(server: string): Promise<RegistryClient> {
    return new RegistryClient(server, await this.config.get(server));
  }
}

import { ChevronRight, Download, LoaderCircle, LogIn, LogOut } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { RegistryAccount } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { ImageDialogFrame } from './ImageDialogFrame';
import { closeImageDialog } from './image-dialogs-store';
import { startPull } from '../../operations/operations-store';
import { pageOrPrimaryEngine } from '../../data/scope';

/**
 * Registries: the accounts in the docker config (where the secret lives is shown, never the secret), login and
 * logout, and a browser of a registry's repositories and tags (Registry HTTP API v2) with Pull.
 */
export function RegistriesDialog() {
  const [accounts, setAccounts] = useState<RegistryAccount[] | null>(null);
  const [server, setServer] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [loginError, setLoginError] = useState<string | null>(null);
  const [browsing, setBrowsing] = useState<string | null>(null);

  const reload = useCallback(() => {
    berth.registries.list({}).then(setAccounts, (e) => toast.error('Could not read the docker config', errorMessage(e)));
  }, []);
  useEffect(reload, [reload]);

  const login = () => {
    if (busy || !server || !username || !password) return;
    setBusy(true);
    setLoginError(null);
    berth.registries.login({ server, username, password }).then(
      (account) => {
        setBusy(false);
        setPassword('');
        toast.success(`Logged in to ${account.server}`, account.store.kind === 'helper' ? `Stored by docker-credential-${account.store.helper}.` : 'Stored in the docker config file.');
        reload();
      },
      (e) => {
        setBusy(false);
        setLoginError(errorMessage(e));
      },
    );
  };
  const logout = (account: RegistryAccount) =>
    berth.registries.logout({ server: account.server }).then(
      () => {
        toast.success(`Logged out of ${account.server}`);
        reload();
      },
      (e) => toast.error(`Could not log out of ${account.server}`, errorMessage(e)),
    );

  return (
    <ImageDialogFrame
      title="Registries"
      size="xl"
      form
      onConfirm={login}
      testId="registries-dialog"
      footer={
        <button type="button" className="btn" onClick={closeImageDialog}>
          Close
        </button>
      }
    >
      <section className="registry-section dialog-section">
        <h3 className="caption">Logged in</h3>
        {accounts === null ? (
          <p className="dialog-loading">
            <LoaderCircle size={14} className="spin" /> Reading the docker config…
          </p>
        ) : accounts.length === 0 ? (
          <p className="dialog-hint">No stored credentials. Public registries can be browsed and pulled from without logging in.</p>
        ) : (
          <ul className="registry-accounts">
            {accounts.map((a) => (
              <li key={a.server} data-testid="registry-account" data-server={a.server}>
                <button type="button" className="btn-link mono" onClick={() => setBrowsing(a.server)}>
                  {a.server}
                </button>
                <span className="muted">{a.username ?? 'token'}</span>
                <span className="muted">{a.store.kind === 'helper' ? `in docker-credential-${a.store.helper}` : 'in config.json (base64, not encrypted)'}</span>
                <button type="button" className="btn btn-small" onClick={() => void logout(a)} aria-label={`Log out of ${a.server}`}>
                  <LogOut size={13} /> Log out
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="registry-section dialog-section">
        <h3 className="caption">Log in or browse</h3>
        <div className="registry-login">
          <input className="input mono" placeholder="registry.example.com or 127.0.0.1:5000" aria-label="Registry" value={server} onChange={(e) => setServer(e.target.value.trim())} />
          <input className="input" placeholder="Username" aria-label="Username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
          <input className="input" type="password" placeholder="Password or token" aria-label="Password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" className="btn btn-primary" disabled={busy || !server || !username || !password}>
            {busy ? <LoaderCircle size={14} className="spin" /> : <LogIn size={14} />} Log in
          </button>
          <button type="button" className="btn" disabled={!server} onClick={() => setBrowsing(server)}>
            Browse
          </button>
        </div>
        {loginError && (
          <p className="dialog-error" role="alert" data-testid="login-error">
            {loginError}
          </p>
        )}
      </section>
      {browsing && <RegistryBrowser key={browsing} server={browsing} />}
    </ImageDialogFrame>
  );
}

function RegistryBrowser({ server }: { server: string }) {
  const [repos, setRepos] = useState<string[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [tags, setTags] = useState<Record<string, string[] | string>>({});

  useEffect(() => {
    berth.registries.catalog({ server }).then(
      (page) => {
        setRepos(page.repositories);
        setNext(page.next);
      },
      (e) => setError(errorMessage(e)),
    );
  }, [server]);

  const more = () =>
    next &&
    berth.registries.catalog({ server, last: next }).then(
      (page) => {
        setRepos((r) => [...(r ?? []), ...page.repositories]);
        setNext(page.next);
      },
      (e) => setError(errorMessage(e)),
    );

  const toggle = (repo: string) => {
    setOpen(open === repo ? null : repo);
    if (tags[repo] === undefined) {
      berth.registries.tags({ server, repository: repo }).then(
        (t) => setTags((m) => ({ ...m, [repo]: t })),
        (e) => setTags((m) => ({ ...m, [repo]: errorMessage(e) })),
      );
    }
  };

  return (
    <section className="registry-section dialog-section" data-testid="registry-browser" data-server={server}>
      <h3 className="caption">{server}</h3>
      {error && <p className="dialog-error">{error}</p>}
      {!repos && !error && (
        <p className="dialog-loading">
          <LoaderCircle size={14} className="spin" /> Reading the catalog…
        </p>
      )}
      {repos && repos.length === 0 && <p className="dialog-hint">This registry lists no repositories (or does not allow listing them).</p>}
      {repos && (
        <ul className="registry-repos">
          {repos.map((repo) => {
            const t = tags[repo];
            return (
              <li key={repo} data-testid="registry-repo" data-repo={repo}>
                <button type="button" className="repo-toggle" aria-expanded={open === repo} onClick={() => toggle(repo)}>
                  <ChevronRight size={13} className={open === repo ? 'rot' : undefined} /> <span className="mono">{repo}</span>
                </button>
                {open === repo && (
                  <div className="repo-tags">
                    {t === undefined && <LoaderCircle size={13} className="spin" />}
                    {typeof t === 'string' && <span className="field-error">{t}</span>}
                    {Array.isArray(t) && t.length === 0 && <span className="muted">no tags</span>}
                    {Array.isArray(t) &&
                      t.map((tag) => (
                        <span key={tag} className="repo-tag">
                          <span className="mono">{tag}</span>
                          <button type="button" className="icon-btn" aria-label={`Pull ${server}/${repo}:${tag}`} title="Pull" onClick={() => startPull(`${server}/${repo}:${tag}`, pageOrPrimaryEngine())}>
                            <Download size={13} />
                          </button>
                        </span>
                      ))}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {next && (
        <button type="button" className="btn btn-small" onClick={() => void more()}>
          More…
        </button>
      )}
    </section>
  );
}

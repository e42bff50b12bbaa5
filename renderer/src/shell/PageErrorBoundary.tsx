import { Component, type ErrorInfo, type ReactNode } from 'react';
import { retryFailedChunks } from './chunk-load';

interface State {
  error: Error | null;
}

/**
 * A page that throws while rendering shows what went wrong instead of taking the whole window (sidebar, banners,
 * terminals) down with it. Keyed by route in App, so moving to another page starts clean. "Try again" also loads
 * afresh a part of the window whose files did not load (chunk-load.ts).
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  constructor(props: { children: ReactNode }) {
    super(props);
    retryFailedChunks(); // a page opened anew loads afresh a part that failed to load last time
  }

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('berth: a page failed to render', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="page-center" role="alert" data-testid="page-error">
        <h2>This page failed to show</h2>
        <p>{error.message}</p>
        <button type="button" className="btn" onClick={() => {
            retryFailedChunks();
            this.setState({ error: null });
          }}>
          Try again
        </button>
      </div>
    );
  }
}

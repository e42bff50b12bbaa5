import { Container } from 'lucide-react';

/** A connected engine with no containers at all: say so, and how to make one. */
export function EmptyContainers() {
  return (
    <div className="page-center" data-testid="containers-empty">
      <Container size={40} strokeWidth={1.5} className="page-center-icon" aria-hidden />
      <h2>No containers yet</h2>
      <p>
        The engine is running but holds no containers. Start one from a terminal, for example{' '}
        <code>docker run -d -p 8080:80 --name web nginx</code>, or bring up a compose project with{' '}
        <code>docker compose up -d</code>. It appears here at once.
      </p>
    </div>
  );
}

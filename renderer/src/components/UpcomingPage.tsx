import type { LucideIcon } from 'lucide-react';
import './page.css';

interface UpcomingPageProps {
  title: string;
  icon: LucideIcon;
  /** What the page will do, in one sentence. */
  purpose: string;
  /** Where the work is tracked ("issue #6"). */
  trackedIn: string;
}

/** A page another issue will fill. It says so plainly instead of pretending to work. */
export function UpcomingPage({ title, icon: Icon, purpose, trackedIn }: UpcomingPageProps) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <div className="page-center" data-testid="upcoming-page">
        <Icon size={36} strokeWidth={1.5} className="page-center-icon" aria-hidden />
        <h2>
          {title} are not in Berth yet — tracked in {trackedIn}.
        </h2>
        <p>{purpose}</p>
      </div>
    </div>
  );
}

import { Construction } from 'lucide-react';

/** A detail tab another issue fills. It says so plainly instead of pretending to work. */
export function UpcomingTab({ what, trackedIn }: { what: string; trackedIn: string }) {
  return (
    <div className="page-center" data-testid="upcoming-tab">
      <Construction size={32} strokeWidth={1.5} className="page-center-icon" aria-hidden />
      <h2>{what} are not in Berth yet — tracked in {trackedIn}.</h2>
    </div>
  );
}

import { Layers } from 'lucide-react';
import { UpcomingPage } from '../../components/UpcomingPage';

// Issue #6 is the images issue named in the walking-skeleton brief; the others are tracked by their own later
// issues, whose numbers this page does not know yet (say "a later issue" rather than invent one).
export const ImagesPage = () => (
  <UpcomingPage
    title="Images"
    icon={Layers}
    trackedIn="issue #6"
    purpose="This page will list local images with their size, tags and layers, and pull, tag, push and remove them."
  />
);

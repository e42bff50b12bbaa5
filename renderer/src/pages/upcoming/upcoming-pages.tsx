import { HardDrive, Layers, Network } from 'lucide-react';
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
export const VolumesPage = () => (
  <UpcomingPage
    title="Volumes"
    icon={HardDrive}
    trackedIn="a later issue"
    purpose="This page will list volumes, which containers use them and their size, with backup before removal."
  />
);
export const NetworksPage = () => (
  <UpcomingPage
    title="Networks"
    icon={Network}
    trackedIn="a later issue"
    purpose="This page will list networks and the containers attached to each."
  />
);

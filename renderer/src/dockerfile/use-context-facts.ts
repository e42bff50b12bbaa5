import { useEffect, useState } from 'react';
import type { ContextFacts } from '../../../preload/contract/dockerfiles';
import { berth } from '../api';

/** What the folder of a Dockerfile holds (for the .dockerignore rule); null while unknown or when it cannot be read. */
export function useContextFacts(dockerfilePath: string | null): ContextFacts | null {
  const [facts, setFacts] = useState<{ path: string; facts: ContextFacts | null } | null>(null);
  useEffect(() => {
    if (!dockerfilePath) return;
    let live = true;
    berth.dockerfiles.open({ path: dockerfilePath }).then(
      (o) => live && setFacts({ path: dockerfilePath, facts: o.facts }),
      () => live && setFacts({ path: dockerfilePath, facts: null }),
    );
    return () => {
      live = false;
    };
  }, [dockerfilePath]);
  return facts && facts.path === dockerfilePath ? facts.facts : null;
}

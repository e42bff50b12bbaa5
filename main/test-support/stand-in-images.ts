import type Docker from 'dockerode';
import tar from 'tar-stream';
import { FIXTURE_IMAGE, RUN_ID, TEST_LABEL } from './engine';

/**
 * Stand-ins for the base images Berth's generated Dockerfiles name (`python:<v>-slim`, `node:<v>-slim`): no public
 * registry is reachable here, so a test builds the fixture busybox with `pip`/`python` or `npm`/`node` scripts
 * under this run's own tag (`python:berth-<run>-slim`) and builds the generated Dockerfile with the version build
 * arg pointed at it. `python app.py` / `node server.js` serve the working folder over HTTP with busybox httpd on
 * $PORT, else the port the entry file names, else 8000 / 3000; `python -c …` / `node -e …` (the compose
 * healthchecks) fetch it.
 */
export type StandInKind = 'python' | 'node';

/** The version build arg that makes the generated Dockerfile's FROM name the stand-in. */
export function standInVersion(): string {
  return `berth-${RUN_ID.replace(/[^a-z0-9]/gi, '').slice(-10).toLowerCase()}`;
}

export function standInRef(kind: StandInKind): string {
  return `${kind}:${standInVersion()}-slim`;
}

const PORTS: Record<StandInKind, number> = { python: 8000, node: 3000 };

function script(kind: StandInKind): { installer: [string, string]; runtime: [string, string] } {
  const port = PORTS[kind];
  const runtime = `#!/bin/sh
# Stand-in for ${kind}: "-c"/"-e" (a healthcheck) fetches the app; anything else serves the working folder.
if [ "$1" = "-c" ] || [ "$1" = "-e" ]; then exec wget -q -O /dev/null "http://localhost:\${PORT:-${port}}/"; fi
# The port the entry file names (port=5000, .listen(3000)), as the real app would listen on.
[ -f "$1" ] && named=$(sed -n -e 's/.*port *= *\\([0-9][0-9]*\\).*/\\1/p' -e 's/.*listen( *\\([0-9][0-9]*\\).*/\\1/p' "$1" | head -n 1)
listen="\${PORT:-\${named:-${port}}}"
echo "stand-in ${kind} serving $(pwd) on $listen"
exec httpd -f -p "$listen" -h "$(pwd)"
`;
  const installer = `#!/bin/sh
echo "stand-in ${kind === 'python' ? 'pip' : 'npm'}: $*"
`;
  return kind === 'python' ? { installer: ['pip', installer], runtime: ['python', runtime] } : { installer: ['npm', installer], runtime: ['node', runtime] };
}

/** Builds the stand-in (labelled with this run's id) and returns its reference. */
export async function buildStandIn(docker: Docker, kind: StandInKind): Promise<string> {
  const ref = standInRef(kind);
  const { installer, runtime } = script(kind);
  const dockerfile = [
    `FROM ${FIXTURE_IMAGE}`,
    `LABEL ${TEST_LABEL}=${RUN_ID}`,
    `COPY ${installer[0]} ${runtime[0]} /usr/local/bin/`,
    `RUN chmod 755 /usr/local/bin/${installer[0]} /usr/local/bin/${runtime[0]}${kind === 'node' ? " && mkdir -p /etc && printf 'root:x:0:0:root:/root:/bin/sh\\nnode:x:1000:1000::/home/node:/bin/sh\\n' >> /etc/passwd && printf 'root:x:0:\\nnode:x:1000:\\n' >> /etc/group" : ''}`,
    '',
  ].join('\n');
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, dockerfile);
  pack.entry({ name: installer[0], mode: 0o755 }, installer[1]);
  pack.entry({ name: runtime[0], mode: 0o755 }, runtime[1]);
  pack.finalize();
  const stream = await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { t: ref, labels: { [TEST_LABEL]: RUN_ID }, rm: true, forcerm: true });
  const output = await new Promise<{ error?: string }[]>((resolve, reject) => docker.modem.followProgress(stream, (err, res) => (err ? reject(err) : resolve(res as { error?: string }[]))));
  const failed = output.find((m) => m.error);
  if (failed) throw new Error(`Could not build the ${kind} stand-in ${ref}: ${failed.error}`);
  return ref;
}

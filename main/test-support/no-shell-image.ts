import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { FIXTURE_IMAGE, RUN_ID, TEST_LABEL } from './engine';

/**
 * Builds `tag`, labelled with this run's id: an image with no shell at all (FROM scratch, busybox at `binary` with no
 * applet links, so nothing named sh, bash or ls exists) whose command is `<binary> sleep 3600`, and `files` (path →
 * one line of text) in it to be found. The tests remove it themselves.
 */
export function buildNoShellImage(tag: string, opts: { binary: string; files?: Record<string, string> }): void {
  const made = Object.entries(opts.files ?? {}).map(
    ([file, text]) => ` && mkdir -p /out${path.posix.dirname(file)} && echo "${text}" > /out${file}`,
  );
  const dockerfile = [
    `FROM ${FIXTURE_IMAGE} AS src`,
    `RUN mkdir -p /out${made.join('')}`,
    'FROM scratch',
    `COPY --from=src /bin/busybox ${opts.binary}`,
    'COPY --from=src /out/ /',
    `CMD ["${opts.binary}", "sleep", "3600"]`,
    '',
  ].join('\n');
  execFileSync('docker', ['build', '-q', '-t', tag, '--label', `${TEST_LABEL}=${RUN_ID}`, '-'], { input: dockerfile, stdio: ['pipe', 'ignore', 'pipe'] });
}

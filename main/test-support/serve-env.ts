/**
 * The environment `npm run serve` gives the server (package.json; a unit test keeps the two the same). glibc's
 * malloc hands blocks of 128 KiB and more (socket read buffers, big frames) back to the system when they are freed:
 * left to itself it raises that threshold after the first such free and keeps them in its heap, so a burst of big or
 * malformed frames left 15-33 MB of RSS behind (abuse-rss), against 0.4-6 MB with the threshold fixed.
 */
export const SERVE_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' } as const;

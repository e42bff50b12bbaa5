/**
 * The environment `npm run serve` gives the server (package.json; a unit test keeps the two the same). glibc's
 * malloc hands blocks of 128 KiB and more (socket read buffers, big frames) back to the system when they are freed:
 * left to itself it raises that threshold after the first such free and keeps them in its heap, so a burst of big or
 * malformed frames left 15-33 MB of RSS behind (abuse-rss), against 0.4-6 MB with the threshold fixed (a loaded
 * machine). On a quiet machine the threshold alone still left 7.5-20.8 MB: each thread that mallocs (V8's compiler
 * and GC helpers, libuv's pool) gets an arena of its own, and the arenas keep what they grew to. Two arenas for the
 * whole process: 4.8-12.4 MB (abuse-rss, interleaved runs, load 0.5-1.4).
 */
export const SERVE_ENV = { MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_ARENA_MAX: '2' } as const;

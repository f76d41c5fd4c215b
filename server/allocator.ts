/**
 * The C library's allocator settings the production server runs with. glibc reads them when the
 * process starts, so whatever starts the server sets them: `npm start`, the systemd unit, the
 * cluster and the benchmarks (docs/architecture/decisions.md, decision 42). By default every
 * thread that allocates (libuv's pool compressing each page, the worker threads) gets an arena
 * of its own that keeps what it freed, and large buffers freed once raise the threshold under
 * which the next ones come from those arenas: at 100,000 stories under reads that was 85-95 MB
 * resident that nothing used.
 */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** The settings missing from `env`, as NAME=value (for a note at start). */
export function missingAllocatorSettings(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(ALLOCATOR_ENV)
    .filter(([name]) => env[name] === undefined)
    .map(([name, value]) => `${name}=${value}`);
}

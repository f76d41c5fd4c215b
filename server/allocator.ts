/**
 * The C library's allocator settings the production server runs with. glibc reads them when the
 * process starts, so whatever starts the server sets them: `npm start`, the systemd unit, the
 * cluster and the benchmarks (docs/architecture/decisions.md, decision 42). By default every
 * thread that allocates (libuv's pool compressing each page, the worker threads) gets an arena
 * of its own, up to 16 here, each keeping what it freed. Four keep the reads' throughput; two
 * held 55 MB less at 100,000 stories but made the serving thread wait for them.
 */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '4' };

/** The settings missing from `env`, as NAME=value (for a note at start). */
export function missingAllocatorSettings(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(ALLOCATOR_ENV)
    .filter(([name]) => env[name] === undefined)
    .map(([name, value]) => `${name}=${value}`);
}

import { buildSite, startSite } from '../__tests__/e2e/setup/server';

/**
 * Runs `measure` against a production server: the one at `--url <origin>` if given, otherwise
 * a fresh production build in $NEXT_DIST_DIR (default .next-quality; E2E_REUSE_BUILD=1 reuses
 * it) started on a free port and stopped afterwards. Built the way the e2e suite builds it.
 */
export async function withProductionSite<T>(measure: (baseUrl: string, serverPid?: number) => Promise<T>): Promise<T> {
  const urlFlag = process.argv.indexOf('--url');
  if (urlFlag !== -1) return measure(process.argv[urlFlag + 1].replace(/\/$/, ''));
  console.error('Building and starting the production site...');
  const { baseUrl, server } = await startSite(buildSite(process.env.NEXT_DIST_DIR ?? '.next-quality'));
  try {
    return await measure(baseUrl, server.pid);
  } finally {
    server.kill('SIGTERM');
  }
}

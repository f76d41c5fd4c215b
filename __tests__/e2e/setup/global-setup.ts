import { buildSite, startSite } from './server';

/** One production build and one production server (`npm start`) for the whole end-to-end suite. */
export default async function globalSetup() {
  if (process.env.E2E_BASE_URL) return; // testing a server someone else started
  const { baseUrl, server } = await startSite(buildSite(process.env.E2E_DIST_DIR ?? '.next-e2e'));
  (globalThis as { e2eServer?: unknown }).e2eServer = server;
  process.env.E2E_BASE_URL = baseUrl;
}

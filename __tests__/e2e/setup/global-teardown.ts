import type { ChildProcess } from 'node:child_process';

export default async function globalTeardown() {
  (globalThis as { e2eServer?: ChildProcess }).e2eServer?.kill('SIGTERM');
}

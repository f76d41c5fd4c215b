/**
 * One heavy background job at a time per process. Ranking a large archive's related stories and
 * building its search index each hold a few hundred MB for tens of seconds (100,000 stories):
 * run together at a cold start they took the server 450 MB above its steady size, one after
 * the other about half that. Small jobs (a publish's few stories) never wait for a slot.
 *
 * Held on globalThis: the production server's modules and the routes Next bundles are separate
 * module instances in one process, and the related ranking runs in the first, search in the second.
 */
const SLOT = Symbol.for('newsbite.heavy-work');

type Scope = { [SLOT]?: Promise<void> };

/** Waits for the slot; resolves to the function that frees it (call it exactly once, in a finally). */
export async function heavyWorkSlot(): Promise<() => void> {
  const scope = globalThis as Scope;
  const previous = scope[SLOT] ?? Promise.resolve();
  let free!: () => void;
  const held = new Promise<void>((resolve) => (free = resolve));
  scope[SLOT] = previous.then(() => held);
  await previous;
  return free;
}

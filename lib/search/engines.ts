import type { ContentRepository } from '../content/repository';
import type { SearchEngine } from './engine';
import { MiniSearchEngine } from './minisearch-engine';

/**
 * The engine for a content repository. The content layer hands out a new repository whenever
 * the live content changes; the first search on it brings the one embedded index up to date
 * incrementally (only new, changed and withdrawn stories are touched) instead of rebuilding it.
 * An older repository still in use by a request in flight is answered from the same, newer
 * index. A PostgreSQL engine for deployments with DATABASE_URL plugs in here (docs/search.md).
 */
const engines = new WeakMap<ContentRepository, SearchEngine>();
let embedded: MiniSearchEngine | undefined;

export function searchEngineFor(content: ContentRepository): SearchEngine {
  let engine = engines.get(content);
  if (!engine) {
    if (embedded) embedded.sync(content.articles);
    else embedded = MiniSearchEngine.of(content.articles);
    engine = embedded;
    engines.set(content, engine);
  }
  return engine;
}

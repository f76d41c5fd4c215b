import { getContent, type ContentRepository } from './repository';

/**
 * A value derived from the live content, computed once per content version: the next version
 * is a new repository object, so the old value is dropped with it.
 */
export function perVersion<T>(derive: (repository: ContentRepository) => T): (repository?: ContentRepository) => T {
  const values = new WeakMap<ContentRepository, T>();
  return (repository = getContent()) => {
    if (!values.has(repository)) values.set(repository, derive(repository));
    return values.get(repository)!;
  };
}

/** One problem in one content file, phrased so an editor can fix it without reading code. */
export interface ContentProblem {
  file: string;
  field: string;
  problem: string;
}

export function formatProblem({ file, field, problem }: ContentProblem): string {
  return `${file}: ${field}: ${problem}`;
}

/** Thrown when any content file is invalid; lists every problem, not just the first. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(
      `Content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** A zod issue path as a field name: `hero.credit`, `gallery[2].alt`. */
export function formatPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`))
    .join('');
}

import { ArticleBody } from '@/components/ArticleBody';
import { withBodies } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';

/** A story's text, its body read first where bodies come from the store on demand (PostgreSQL). */
export async function StoryBody({ article }: { article: Article }) {
  const [withBody] = await withBodies([article]);
  return <ArticleBody markdown={withBody.body} />;
}

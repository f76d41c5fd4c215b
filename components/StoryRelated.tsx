import { relatedTo } from '@/lib/content/repository';
import type { Article } from '@/lib/content/types';
import { RelatedStories } from './RelatedStories';

/** A story's related box, its picks read first where a shared store keeps them (PostgreSQL: decision 46). */
export async function StoryRelated({ article, sectionNames }: { article: Article; sectionNames: Record<string, string> }) {
  return <RelatedStories stories={await relatedTo(article)} sectionNames={sectionNames} />;
}

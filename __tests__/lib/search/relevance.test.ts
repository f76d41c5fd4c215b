import { getContent } from '@/lib/content/repository';
import { MiniSearchEngine } from '@/lib/search/minisearch-engine';
import { describeRelevance } from '../../helpers/search-engine-contract';

const content = getContent();
const engine = MiniSearchEngine.of(content.articles);

describeRelevance('MiniSearchEngine', () => content.articles, () => engine);

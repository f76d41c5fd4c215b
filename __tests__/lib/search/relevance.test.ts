import { getContent } from '@/lib/content/repository';
import { SqliteSearchEngine } from '@/lib/search/sqlite-engine';
import { describeRelevance } from '../../helpers/search-engine-contract';

const content = getContent();
let engine: SqliteSearchEngine;

beforeAll(async () => {
  engine = await SqliteSearchEngine.of(content.articles);
});
afterAll(() => engine.close());

describeRelevance('SqliteSearchEngine', () => content.articles, () => engine);

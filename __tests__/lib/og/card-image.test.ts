import { cardOpenGraphImage, cardUrl } from '@/lib/og/card-image';
import { articleCard, galleryPhotoCard, sectionCard, siteCard } from '@/lib/og/page-cards';
import { makeArticle, testPhoto } from '../../helpers/articles';

describe('card URLs', () => {
  const article = makeArticle('dmz', { headline: 'A rare crossing' });

  it("point at the page's opengraph-image file with a version", () => {
    expect(cardUrl(articleCard(article, 'World'))).toMatch(/^\/world\/dmz\/opengraph-image\?v=[0-9a-f]{12}$/);
    expect(cardUrl(siteCard())).toMatch(/^\/opengraph-image\?v=/);
    expect(cardUrl(sectionCard({ slug: 'world', name: 'World', description: 'News' }))).toMatch(/^\/world\/opengraph-image\?v=/);
    expect(cardUrl(galleryPhotoCard('/world/dmz/photos/2', testPhoto))).toMatch(/^\/world\/dmz\/photos\/2\/opengraph-image\?v=/);
  });

  it('change when what the card shows changes, and only then', () => {
    const url = cardUrl(articleCard(article, 'World'));
    expect(cardUrl(articleCard({ ...article }, 'World'))).toBe(url);
    expect(cardUrl(articleCard({ ...article, headline: 'A rare crossing, corrected' }, 'World'))).not.toBe(url);
    expect(cardUrl(articleCard({ ...article, hero: { ...testPhoto, credit: 'Someone else' } }, 'World'))).not.toBe(url);
    expect(cardUrl(articleCard(article, 'Science'))).not.toBe(url);
    // Body text is not on the card: editing it keeps the card.
    const rewritten = { ...article, body: 'Rewritten.' };
    expect(cardUrl(articleCard(rewritten, 'World'))).toBe(url);
  });

  it('come with size, type and an alt text naming the story', () => {
    expect(cardOpenGraphImage(articleCard(article, 'World'))).toMatchObject({ width: 1200, height: 630, type: 'image/jpeg', alt: 'World: A rare crossing' });
  });
});

import { shareLinks } from '@/lib/share';

describe('shareLinks', () => {
  const links = shareLinks({ url: 'https://newsbite.example/world/x', title: 'Héadline #1 & more' });

  it('offers X, Facebook, LinkedIn, WhatsApp and email, in that order', () => {
    expect(links.map((l) => l.network)).toEqual(['x', 'facebook', 'linkedin', 'whatsapp', 'email']);
  });

  it('only ever points at the platforms’ own https share pages or mailto', () => {
    for (const { href } of links) expect(href).toMatch(/^(https:\/\/(x\.com|www\.facebook\.com|www\.linkedin\.com|wa\.me)\/|mailto:\?)/);
  });

  it('encodes the title so it cannot add query parameters', () => {
    const x = new URL(links[0].href);
    expect(x.searchParams.get('text')).toBe('Héadline #1 & more');
    expect([...x.searchParams.keys()]).toEqual(['text', 'url', 'via']);
  });

  it('writes spaces in mail links as %20, not +', () => {
    expect(links[4].href).toContain('subject=H%C3%A9adline%20%231%20%26%20more');
  });
});

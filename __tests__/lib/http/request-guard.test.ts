import { rejectMalformedRequest } from '@/lib/http/request-guard';

describe('rejectMalformedRequest', () => {
  it.each(['/', '/world/dmz-defection', '/world?page=2', '/tag/caf%C3%A9', '/_next/image?url=%2Fphotos%2Fharbour.jpg&w=640&q=75', 'http://newsbite.example/world', '/_next/static/chunks/a.js'])(
    'lets %s through',
    (target) => {
      expect(rejectMalformedRequest(target)).toBeUndefined();
    },
  );

  it.each([
    ['undecodable percent-encoding', '/%ff%fe'],
    ['a lone percent sign', '/%'],
    ['a truncated UTF-8 sequence', '/%e2%82'],
    ['an invalid escape', '/%zz'],
    ['the asterisk form', '*'],
    ['an empty target', ''],
    ['a relative target', 'world'],
    ['an image request for a folder', '/_next/image?url=/photos/&w=640&q=75'],
    ['an image request outside /photos', '/_next/image?url=/../../etc/passwd&w=640&q=75'],
    ['an image request for another host', '/_next/image?url=https://example.invalid/x.jpg&w=640'],
    ['an image request without url', '/_next/image?w=640'],
  ])('rejects %s', (_name, target) => {
    expect(rejectMalformedRequest(target)).toBe(400);
  });
});

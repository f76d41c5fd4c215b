import sharp from 'sharp';
import { photoFile } from '@/lib/content/photos';
import { photoDataUrl } from '@/lib/og/photo';
import { getContent } from '@/lib/content/repository';

describe('photoFile', () => {
  it('maps a photo URL to its file in the photos folder', () => {
    expect(photoFile('/photos/a%20b.jpg')).toMatch(/content\/photos\/a b\.jpg$/);
  });

  it.each(['/photos/../../package.json', '/photos/%2e%2e/secret', '/etc/passwd', 'https://example.com/x.jpg'])('refuses %s', (src) => {
    expect(() => photoFile(src)).toThrow(/not a photo/);
  });
});

describe('photoDataUrl', () => {
  it('embeds the photo as a JPEG of exactly the box it fills', async () => {
    const photo = getContent().articles[0].hero!;
    for (const fit of ['cover', 'contain'] as const) {
      const url = await photoDataUrl(photo.src, { width: 540, height: 630 }, fit);
      expect(url).toMatch(/^data:image\/jpeg;base64,/);
      const meta = await sharp(Buffer.from(url.split(',')[1], 'base64')).metadata();
      expect([meta.width, meta.height]).toEqual([540, 630]);
    }
  });
});

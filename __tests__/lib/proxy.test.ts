import { NextRequest } from 'next/server';
import { lowerCasePath } from '@/lib/paths';
import { proxy } from '@/proxy';

describe('lowerCasePath', () => {
  it('lower-cases letters but leaves %XX escapes alone', () => {
    expect(lowerCasePath('/World/Some-Story')).toBe('/world/some-story');
    expect(lowerCasePath('/tag/caf%C3%A9')).toBe('/tag/caf%C3%A9');
    expect(lowerCasePath('/world')).toBe('/world');
  });
});

describe('proxy', () => {
  it('answers 308 with the lower-case URL, query kept', () => {
    const response = proxy(new NextRequest('https://newsbite.example/World/Storm?page=2'));
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('https://newsbite.example/world/storm?page=2');
  });

  it('lets a canonical path through', () => {
    expect(proxy(new NextRequest('https://newsbite.example/tag/caf%C3%A9')).headers.get('location')).toBeNull();
  });
});

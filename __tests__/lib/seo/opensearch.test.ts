import { create } from 'xmlbuilder2';
import { openSearchResponse, openSearchXml, SHORT_NAME_MAX } from '@/lib/seo/opensearch';

type Description = {
  OpenSearchDescription: {
    '@xmlns': string;
    ShortName: string;
    Url: { '@type': string; '@method'?: string; '@template': string; '@rel'?: string }[];
    Image: { '#': string };
    'moz:SearchForm': string;
  };
};

describe('openSearchXml', () => {
  const { OpenSearchDescription: description } = create(openSearchXml()).end({ format: 'object' }) as unknown as Description;

  it('is an OpenSearch 1.1 description with a short name browsers accept', () => {
    expect(description['@xmlns']).toBe('http://a9.com/-/spec/opensearch/1.1/');
    expect(description.ShortName).toBe('NewsBite');
    expect(description.ShortName.length).toBeLessThanOrEqual(SHORT_NAME_MAX);
  });

  it('sends searches to the results page and names itself, with absolute URLs', () => {
    expect(description.Url).toEqual([
      { '@type': 'text/html', '@method': 'get', '@template': 'http://localhost:3000/search?q={searchTerms}' },
      { '@type': 'application/opensearchdescription+xml', '@rel': 'self', '@template': 'http://localhost:3000/opensearch.xml' },
    ]);
    expect(description.Image['#']).toBe('http://localhost:3000/favicon.ico');
    expect(description['moz:SearchForm']).toBe('http://localhost:3000/search');
  });

  it('is served as application/opensearchdescription+xml', () => {
    expect(openSearchResponse().headers.get('content-type')).toBe('application/opensearchdescription+xml; charset=utf-8');
  });
});

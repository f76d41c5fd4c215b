import { create } from 'xmlbuilder2';
import { absoluteUrl, siteConfig } from '../config';

/**
 * The OpenSearch description that lets browsers offer the site's search (Firefox's search bar,
 * Chrome's tab-to-search). Its URLs are absolute, as the specification requires.
 */
export const OPENSEARCH_PATH = '/opensearch.xml';
export const OPENSEARCH_CONTENT_TYPE = 'application/opensearchdescription+xml';
/** The specification's limit for ShortName. */
export const SHORT_NAME_MAX = 16;

/** The results page for a search, with OpenSearch's (and schema.org's) placeholder left in. */
export function searchUrlTemplate(placeholder: string): string {
  return `${absoluteUrl('/search')}?q={${placeholder}}`;
}

export function openSearchXml(): string {
  return create({ version: '1.0', encoding: 'UTF-8' }, {
    OpenSearchDescription: {
      '@xmlns': 'http://a9.com/-/spec/opensearch/1.1/',
      '@xmlns:moz': 'http://www.mozilla.org/2006/browser/search/',
      ShortName: siteConfig.name.slice(0, SHORT_NAME_MAX),
      Description: `Search ${siteConfig.name} stories`,
      InputEncoding: 'UTF-8',
      Image: { '@width': '16', '@height': '16', '@type': 'image/x-icon', '#': absoluteUrl('/favicon.ico') },
      Url: [
        { '@type': 'text/html', '@method': 'get', '@template': searchUrlTemplate('searchTerms') },
        { '@type': OPENSEARCH_CONTENT_TYPE, '@rel': 'self', '@template': absoluteUrl(OPENSEARCH_PATH) },
      ],
      'moz:SearchForm': absoluteUrl('/search'),
    },
  }).end({ prettyPrint: true });
}

export function openSearchResponse(): Response {
  return new Response(openSearchXml(), { headers: { 'Content-Type': `${OPENSEARCH_CONTENT_TYPE}; charset=utf-8` } });
}

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const xsdDir = path.join(__dirname, '..', 'fixtures', 'xsd');

/** The schemas a sitemap is checked against (see __tests__/fixtures/xsd/README.md). */
export const SCHEMAS = {
  urlset: path.join(xsdDir, 'urlset-with-extensions.xsd'),
  sitemapIndex: path.join(xsdDir, 'siteindex.xsd'),
} as const;

/** Validates an XML document with Debian's xmllint; returns its complaints, empty when valid. */
export function schemaErrors(xml: string, schema: string): string {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { input: xml, encoding: 'utf8' });
  if (result.error) throw new Error(`xmllint did not run (apt-get install -y libxml2-utils): ${result.error.message}`);
  return result.status === 0 ? '' : result.stderr;
}

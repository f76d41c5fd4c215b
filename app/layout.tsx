import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';
import { languageTag, siteConfig } from '@/lib/config';
import { getContent } from '@/lib/content/repository';
import { OPENSEARCH_CONTENT_TYPE, OPENSEARCH_PATH } from '@/lib/seo/opensearch';
import './globals.css';

export const metadata: Metadata = {
  metadataBase: siteConfig.origin,
  title: { default: `${siteConfig.name}: ${siteConfig.tagline}`, template: `%s | ${siteConfig.name}` },
  description: siteConfig.description,
  applicationName: siteConfig.name,
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#121212' },
  ],
  colorScheme: 'light dark',
};

// Every page shows the live sections: nothing is frozen at build.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  const { sections } = getContent();
  return (
    <html lang={languageTag}>
      <body>
        {/*
          Next's metadata has no field for rel="search". React moves a <link> into <head> from
          wherever it is rendered, also on the error shell of a 404, which drops a layout's <head>.
        */}
        <link rel="search" type={OPENSEARCH_CONTENT_TYPE} href={OPENSEARCH_PATH} title={siteConfig.name} />
        <SiteHeader sections={sections} siteName={siteConfig.name} tagline={siteConfig.tagline} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter sections={sections} siteName={siteConfig.name} />
      </body>
    </html>
  );
}

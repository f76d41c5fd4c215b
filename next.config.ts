import path from 'node:path';
import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';
import { securityHeaders } from './lib/http/security-headers';
import { cardHeaderRules } from './lib/og/http-headers';
import { siteConfig } from './lib/config';
import { seoHeaderRules } from './lib/seo/http-headers';

const nextConfig: NextConfig = {
  // A separate build folder lets tests and benchmarks build beside a developer's .next.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // Every page renders on demand, where Next would stream metadata into <body> for ordinary
  // user agents; unfurlers, search engines and validators all need it in <head>.
  htmlLimitedBots: /.*/,
  // The build type-checks the app only; `npm test` type-checks tests and scripts too.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  async headers() {
    return [
      // First, so a later rule for a particular path (e.g. content-hashed images) can override it.
      ...seoHeaderRules({ indexable: siteConfig.indexable }),
      { source: '/:path*', headers: securityHeaders({ production: process.env.NODE_ENV === 'production' }) },
      ...cardHeaderRules(),
    ];
  },
  experimental: {
    // No request may make Next write files: content routes are dynamic (nothing to cache), and
    // encoded images stay in the production server's bounded memory cache (decision 10).
    isrFlushToDisk: false,
  },
  images: {
    formats: ['image/avif', 'image/webp'],
    // Every width is written into each photo's srcset twice (HTML and React's payload): 16 of
    // them were a third of the home page. Thumbnails are 6rem (at most 384 px at 4x), nothing
    // is wider than a 2x phone or a 1x desktop screen needs.
    imageSizes: [96, 128, 256, 384],
    deviceSizes: [640, 750, 828, 1080, 1200, 1920],
    // Long-lived: photo files never change in place (a new photo gets a new name).
    minimumCacheTTL: 60 * 60 * 24 * 30,
  },
};

/**
 * With REDIS_URL, the production server shares Next's cache through Redis
 * (server/cache-handler.ts, compiled into the build folder by `npm run build:server`): the image
 * optimiser's entries too (`images.customCacheHandler`). Chosen when the server starts, not at
 * build time, so one build runs with or without Redis; without it Next's behaviour is unchanged.
 */
export default function config(phase: string): NextConfig {
  if (phase !== PHASE_PRODUCTION_SERVER || !process.env.REDIS_URL) return nextConfig;
  return {
    ...nextConfig,
    cacheHandler: path.resolve(nextConfig.distDir!, 'newsbite-server', 'server', 'cache-handler.js'),
    images: { ...nextConfig.images, customCacheHandler: true },
  };
}

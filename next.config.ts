import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A separate build folder lets tests and benchmarks build beside a developer's .next.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  images: {
    formats: ['image/avif', 'image/webp'],
    // Long-lived: photo files never change in place (a new photo gets a new name).
    minimumCacheTTL: 60 * 60 * 24 * 30,
  },
};

export default nextConfig;

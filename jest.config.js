// @ts-check
const fs = require('node:fs');
const path = require('node:path');
const nextJest = require('next/jest.js');

const createJestConfig = nextJest({ dir: __dirname });

/** ESM-only packages (the unified/remark/rehype family) must be compiled for Jest's CommonJS runtime. */
function esmOnlyPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = fs.readdirSync(root).flatMap((name) =>
    name.startsWith('@') ? fs.readdirSync(path.join(root, name)).map((sub) => `${name}/${sub}`) : [name],
  );
  return names.filter((name) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8')).type === 'module';
    } catch {
      return false;
    }
  });
}

const esm = esmOnlyPackages().map((name) => name.replace(/[.+]/g, '\\$&'));

/** @param {import('jest').Config} config */
async function project(config) {
  const resolved = await createJestConfig({
    moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
    ...config,
  })();
  resolved.transformIgnorePatterns = [`/node_modules/(?!(${esm.join('|')})/)`];
  return resolved;
}

module.exports = async () => ({
  // Jest's own summary, then every skipped test by name (their names say why they were skipped).
  reporters: ['default', '<rootDir>/__tests__/helpers/skipped-reporter.js'],
  projects: [
    await project({ displayName: 'lib', testEnvironment: 'node', testMatch: ['<rootDir>/__tests__/lib/**/*.test.ts'] }),
    await project({ displayName: 'server', testEnvironment: 'node', testMatch: ['<rootDir>/__tests__/server/**/*.test.ts'] }),
    await project({
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/__tests__/components/**/*.test.tsx'],
      setupFilesAfterEnv: ['@testing-library/jest-dom'],
    }),
    await project({
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/e2e/setup/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/e2e/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/__tests__/e2e/setup/timeout.ts'],
    }),
  ],
});

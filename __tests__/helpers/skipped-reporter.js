// @ts-check
/**
 * A Jest reporter that lists every skipped test by its full name beside the summary. Tests that
 * need something the machine may not have (IPTC's reference data, redis-server) say why in
 * their names, e.g. "ninjs conformance: ... (skipped: set NINJS_REFERENCE to ...)".
 */
class SkippedReporter {
  /** @param {unknown} _contexts @param {import('@jest/test-result').AggregatedResult} results */
  onRunComplete(_contexts, results) {
    const skipped = results.testResults.flatMap((file) =>
      file.testResults.filter((test) => test.status === 'pending' || test.status === 'skipped').map((test) => [...test.ancestorTitles, test.title].join(' › ')),
    );
    if (skipped.length) process.stderr.write(`Skipped (${skipped.length}):\n${skipped.map((name) => `  ${name}\n`).join('')}`);
  }
}

module.exports = SkippedReporter;

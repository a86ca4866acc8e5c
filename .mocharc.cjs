// SKYNET_SUITE picks the suite: `unit` (default) or `faults` (fault-injection, load, fuzz, redaction).
// A config file keeps one suite's spec from being added to another's `--spec` (mocha merges the two).
const suites = { unit: 'out/test/unit/**/*.test.js', faults: 'out/test/faults/**/*.test.js' };

module.exports = {
  spec: [suites[process.env.SKYNET_SUITE ?? 'unit'] ?? suites.unit],
  timeout: 10000,
  reporter: './out/test/support/summaryReporter.js',
};

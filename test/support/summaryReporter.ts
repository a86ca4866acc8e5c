import { appendFileSync } from 'node:fs';
import Mocha from 'mocha';

const { EVENT_RUN_END } = Mocha.Runner.constants;

/**
 * Mocha's spec output, closed by a line CI can read: `<suite>: N passed, N failed, N skipped`.
 * The suite name comes from SKYNET_SUITE (default `unit`); the counts also go to SKYNET_SUMMARY_FILE when set.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const suite = process.env.SKYNET_SUITE ?? 'unit';
      const line = `${suite}: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`;
      // Printed after Spec's epilogue so it is the run's closing line.
      process.on('exit', () => process.stdout.write(`${line}\n`));
      if (process.env.SKYNET_SUMMARY_FILE) {
        appendFileSync(
          process.env.SKYNET_SUMMARY_FILE,
          `${suite} ${stats.passes} ${stats.failures} ${stats.pending}\n`,
        );
      }
    });
  }
}

export = SummaryReporter;

/**
 * Mocha's spec output plus one closing line that CI reads:
 * "unit: 66 passed, 0 failed" (", 2 skipped" when some are pending).
 */
import Mocha from 'mocha';

const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const label = process.env.INCIDENT_LENS_SUITE ?? 'unit';
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      if (!s) return;
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      process.stdout.write(`\n${label}: ${s.passes} passed, ${s.failures} failed${skipped}\n`);
    });
  }
}

export = SummaryReporter;

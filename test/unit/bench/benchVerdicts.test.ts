import * as assert from 'node:assert/strict';
import { buildChecks, tally, verdict as shown, type BenchResults } from '../../../bench/report';
import type { StreamOverheadRow } from '../../../bench/streamOverhead';
import type { Summary } from '../../../bench/stats';

const s = (median: number): Summary => ({ median, min: median, max: median, runs: 1 });
const cost = (ms: number) => ({ wallMs: s(ms), cpuMs: s(ms) });

function row(
  family: StreamOverheadRow['family'],
  wallVsSdk: number,
  wallVsRaw: number,
  extra: Partial<StreamOverheadRow> = {},
): StreamOverheadRow {
  return {
    family,
    source: 'x',
    chunks: 10_000,
    bytes: 1,
    sdk: 'sdk',
    raw: cost(10),
    sdkCost: cost(20),
    skynet: cost(15),
    sameOutput: true,
    ratios: { wallVsSdk, cpuVsSdk: 1, wallVsRaw, cpuVsRaw: 1 },
    pairedRatios: { wallVsSdk: s(wallVsSdk), cpuVsSdk: s(1), wallVsRaw: s(wallVsRaw), cpuVsRaw: s(1) },
    ...extra,
  };
}

function results(overrides: Partial<Omit<BenchResults, 'checks'>> = {}): Omit<BenchResults, 'checks'> {
  return {
    generatedAt: 'now',
    machine: {
      node: 'v20',
      cpu: 'cpu',
      cores: 2,
      platform: 'linux',
      memoryGb: 4,
      loadAverageAtStart: [0, 0, 0],
      loadAverageAtEnd: [0, 0, 0],
    },
    settings: {},
    streamOverhead: [row('openai', 1, 1.5)],
    firstToken: { rawMs: s(1), skynetMs: s(1.5), overheadMs: 0.5 },
    failover: { slot2AloneMs: s(1), failoverMs: s(2), costMs: 1, requestsToCoolingSlot: 0, requestsWhileCooling: 50 },
    manySlots: {
      slots: 40,
      withClient: 38,
      unavailable: [],
      parseConfigMs: s(1),
      buildRouterMs: s(1),
      planUs: s(5),
      firstTokenFirstSlotAloneMs: s(1),
      firstTokenFirstOfManyMs: s(1),
      routingCostMs: 0,
      firstTokenLastSlotAloneMs: s(1),
      firstTokenPastCoolingMs: s(1),
      routingCostPastCoolingMs: 0,
    },
    manyKeys: {
      keys: 5,
      firstTokenOneKeyMs: s(1),
      firstTokenFiveKeysMs: s(1.9),
      costMs: 0.9,
      firstTokenPastCoolingKeysMs: s(1.9),
      costPastCoolingMs: 0.9,
      orderUs: s(0.2),
    },
    size: { bundleBytes: 299 * 1024, bundleMinified: true, vsixBytes: 1, activationNote: 'not measured: no number' },
    memory: { gcExposed: true, heapAfter100Kb: 1, heapAfter1000Kb: 2, growthKb: 1, growthPerRequestBytes: 1 },
    ...overrides,
  };
}

const verdict = (checks: ReturnType<typeof buildChecks>, measure: RegExp) => {
  const found = checks.filter((check) => measure.test(check.measure));
  assert.equal(found.length, 1, `one check matching ${measure}`);
  return found[0].pass;
};

describe('bench verdicts', () => {
  it('passes every target exactly at its bound and counts the unmeasured activation as not measured', () => {
    const checks = buildChecks(results());
    assert.equal(verdict(checks, /time vs sdk$/), true);
    assert.equal(verdict(checks, /time vs raw/), true);
    assert.equal(verdict(checks, /first token: router/), true);
    assert.equal(verdict(checks, /^failover/), true);
    assert.equal(verdict(checks, /cools down/), true);
    assert.equal(verdict(checks, /minified bundle/), true);
    assert.equal(verdict(checks, /activation/), null);
    assert.equal(verdict(checks, /heap/), true);
    assert.equal(verdict(checks, /5 keys per slot/), true);
    assert.equal(verdict(checks, /4 cooling after a 429/), true);
    assert.equal(tally(checks), 'Targets: 9 pass, 0 FAIL, 1 not measured');
  });

  it('fails each target just past its bound', () => {
    const checks = buildChecks(
      results({
        streamOverhead: [row('openai', 1.01, 1.51)],
        firstToken: { rawMs: s(1), skynetMs: s(2), overheadMs: 1 },
        failover: {
          slot2AloneMs: s(1),
          failoverMs: s(3),
          costMs: 2,
          requestsToCoolingSlot: 1,
          requestsWhileCooling: 50,
        },
        manyKeys: {
          keys: 5,
          firstTokenOneKeyMs: s(1),
          firstTokenFiveKeysMs: s(2),
          costMs: 1,
          firstTokenPastCoolingKeysMs: s(2),
          costPastCoolingMs: 1,
          orderUs: s(0.2),
        },
        size: { bundleBytes: 300 * 1024, activationMs: 50, activationNote: 'host' },
        memory: {
          gcExposed: true,
          heapAfter100Kb: 1,
          heapAfter1000Kb: 1025,
          growthKb: 1024,
          growthPerRequestBytes: 1165,
        },
      }),
    );
    assert.equal(tally(checks), 'Targets: 0 pass, 10 FAIL, 0 not measured');
  });

  it('never passes a stream whose text differed from the SDK, and leaves a family without a Skynet client unmeasured', () => {
    const differing = row('anthropic', 0.5, 1, { sameOutput: false, outputNote: 'text differs' });
    const missing = row('gemini', 0, 0, {
      skynet: undefined,
      ratios: undefined,
      pairedRatios: undefined,
      skynetMissing: 'no vertex client',
    });
    const checks = buildChecks(results({ streamOverhead: [differing, missing] }));
    assert.equal(verdict(checks, /anthropic.*time vs sdk$/), false);
    assert.equal(verdict(checks, /gemini/), null);
    assert.match(checks.find((check) => /gemini/.test(check.measure))!.skynet, /no vertex client/);
  });

  it('judges wall time vs the SDK on the confidence interval of the paired median when there is one', () => {
    const withInterval = (median: number, low: number, high: number) =>
      row('anthropic', median, 1, {
        pairedRatios: {
          wallVsSdk: s(median),
          wallVsSdkInterval: [low, high],
          cpuVsSdk: s(1),
          wallVsRaw: s(1),
          cpuVsRaw: s(1),
        },
      });
    const judged = (median: number, low: number, high: number) => {
      const checks = buildChecks(results({ streamOverhead: [withInterval(median, low, high)] }));
      return checks.find((check) => /time vs sdk$/.test(check.measure))!;
    };
    // A median just over 1.00 whose interval reaches below it: neither pass nor FAIL, and counted as such.
    const noise = judged(1.01, 0.93, 1.06);
    assert.equal(noise.pass, null);
    assert.equal(shown(noise), 'within noise');
    assert.match(noise.ratio, /95 % CI 0\.93×–1\.06×/);
    assert.equal(
      tally(buildChecks(results({ streamOverhead: [withInterval(1.01, 0.93, 1.06)] }))),
      'Targets: 8 pass, 0 FAIL, 1 within noise, 1 not measured',
    );
    // A median under 1.00 is no pass while the interval still reaches over it.
    assert.equal(shown(judged(0.98, 0.9, 1.04)), 'within noise');
    assert.equal(shown(judged(0.95, 0.9, 1)), 'pass');
    assert.equal(shown(judged(1.08, 1.01, 1.2)), 'FAIL');
    // Different text is a FAIL whatever the times say.
    const differing = withInterval(0.5, 0.4, 0.6);
    differing.sameOutput = false;
    assert.equal(verdict(buildChecks(results({ streamOverhead: [differing] })), /time vs sdk$/), false);
  });

  it('does not judge memory growth without --expose-gc', () => {
    const checks = buildChecks(
      results({
        memory: {
          gcExposed: false,
          heapAfter100Kb: 1,
          heapAfter1000Kb: 9000,
          growthKb: 8999,
          growthPerRequestBytes: 1,
        },
      }),
    );
    assert.equal(verdict(checks, /heap/), null);
  });
});

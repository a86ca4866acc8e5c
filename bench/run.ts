/**
 * `npm run bench`: Skynet's clients and router against local fake servers (no network), side by side with the
 * official SDKs and raw undici reads. Prints a table and writes bench/results.json and bench/results.md.
 *   node --expose-gc out/bench/run.js [--quick] [--no-size] [--no-network] [--network-only]
 * --network-only: just the modelled-network first-token suite (about 5 minutes: it waits out a 5-minute idle gap;
 * with --quick, 60 s), printed and not written.
 * --streams-only[=openai,anthropic,…]: just the stream-overhead rows (CPU vs SDK, parse floor, router vs client) of
 * those families (default all), printed with the load average and not written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Agent } from 'undici';
import { fixturesDir, haveFixtures } from '../test/fakes/fixtures';
import { benchDeps } from './benchDeps';
import { benchFailover, benchFirstToken } from './latency';
import { FAMILIES, type Family } from './longStreams';
import { benchManySlots } from './manySlots';
import { benchManyKeys } from './manyKeys';
import { benchNetworkLatency, networkChecks, type NetworkLatencyResult } from './networkLatency';
import { benchMemory } from './memory';
import {
  buildChecks,
  loadAverage,
  machineFacts,
  markdownTable,
  streamChecks,
  verdict,
  type BenchResults,
} from './report';
import { startBenchServer } from './serverProcess';
import { benchSizeAndStart, type SizeResult } from './sizeAndStart';
import { benchStreamOverhead } from './streamOverhead';

const ROOT = path.resolve(__dirname, '..', '..');

function say(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** The whole run is bounded: a stalled request or a hung SDK ends the bench instead of hanging it. */
const WATCHDOG_MS = 25 * 60_000;

async function main(): Promise<number> {
  setTimeout(() => {
    say(`gave up after ${WATCHDOG_MS / 60_000} minutes (a request never finished?)`);
    process.exit(2);
  }, WATCHDOG_MS).unref();
  const quick = process.argv.includes('--quick');
  const network = (): Promise<NetworkLatencyResult> =>
    benchNetworkLatency(
      {
        oneWayMs: 50,
        serverMs: 20,
        idleGapsMs: quick ? [5_000, 60_000] : [5_000, 60_000, 300_000],
        hedgeRequests: quick ? 20 : 40,
      },
      say,
    );
  if (process.argv.includes('--network-only')) {
    const checks = networkChecks(await network());
    process.stdout.write(
      [
        '| Measure | Skynet | Reference | Δ | Target | Result |',
        '|---|---|---|---|---|---|',
        ...checks.map(
          (check) =>
            `| ${[check.measure, check.skynet, check.reference, check.ratio, check.target, verdict(check)].join(' | ')} |`,
        ),
      ].join('\n') + '\n',
    );
    return checks.some((check) => check.pass === false) ? 1 : 0;
  }
  if (!haveFixtures) {
    say(`the recorded streams are missing at ${fixturesDir} (set SKYNET_FIXTURES or place ../shared beside the repo)`);
    return 1;
  }
  const streamsOnly = process.argv.find((arg) => arg === '--streams-only' || arg.startsWith('--streams-only='));
  if (streamsOnly) return streamRowsOnly(streamsOnly, quick);
  const settings = {
    quick,
    streamRounds: quick ? 3 : 15,
    streamWarmups: quick ? 1 : 2,
    streamBudgetMs: quick ? 5_000 : 30_000,
    routerPairs: quick ? 10 : 60,
    routerBudgetMs: quick ? 5_000 : 40_000,
    latencyIterations: quick ? 40 : 300,
    latencyBudgetMs: quick ? 3_000 : 20_000,
    serverWrites: 'uneven pieces 33–1400 bytes, one per event-loop turn, from a separate process',
  };
  const latency = { iterations: settings.latencyIterations, budgetMs: settings.latencyBudgetMs };

  const loadAtStart = loadAverage();
  const server = await startBenchServer();
  const deps = benchDeps(server.url);
  const dispatcher = new Agent();
  try {
    say('stream overhead per family…');
    const streamOverhead = await benchStreamOverhead(server, dispatcher, deps, {
      rounds: settings.streamRounds,
      warmups: settings.streamWarmups,
      budgetMs: settings.streamBudgetMs,
      routerPairs: settings.routerPairs,
      routerBudgetMs: settings.routerBudgetMs,
    });
    say('time to first token…');
    const firstToken = await benchFirstToken(server, dispatcher, deps, latency);
    say('failover…');
    const failover = await benchFailover(server, deps, latency);
    say('many slots…');
    const manySlots = await benchManySlots(server, deps, latency);
    say('five keys per slot…');
    const manyKeys = await benchManyKeys(server, deps, latency);
    say('memory over 1,000 requests…');
    const memory = await benchMemory(server, deps);
    say('bundle, package and activation…');
    const size: SizeResult = process.argv.includes('--no-size')
      ? { bundleNote: 'skipped (--no-size)', vsixNote: 'skipped (--no-size)', activationNote: 'skipped (--no-size)' }
      : await benchSizeAndStart(ROOT);

    say('time to first token over a modelled network link…');
    const networkResult = process.argv.includes('--no-network') ? undefined : await network();

    const partial = {
      ...(networkResult ? { network: networkResult } : {}),
      generatedAt: new Date().toISOString(),
      machine: machineFacts(loadAtStart),
      settings,
      streamOverhead,
      firstToken,
      failover,
      manySlots,
      manyKeys,
      size,
      memory,
    };
    const results: BenchResults = { ...partial, checks: buildChecks(partial) };
    const table = markdownTable(results);
    process.stdout.write(table);
    fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
    fs.writeFileSync(path.join(ROOT, 'bench', 'results.md'), table);
    say('wrote bench/results.json and bench/results.md');
    return 0;
  } finally {
    await server.stop();
    await deps.close();
    await dispatcher.close();
  }
}

/** The stream-overhead rows alone, for measuring a change to the streaming path without the rest of the bench. */
async function streamRowsOnly(flag: string, quick: boolean): Promise<number> {
  const named = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1).split(',') : [...FAMILIES];
  const unknown = named.filter((family) => !FAMILIES.includes(family as Family));
  if (unknown.length > 0)
    throw new Error(`--streams-only: unknown families ${unknown.join(', ')} (known: ${FAMILIES.join(', ')})`);
  const loadAtStart = loadAverage();
  const server = await startBenchServer();
  const deps = benchDeps(server.url);
  const dispatcher = new Agent();
  try {
    const options = {
      rounds: quick ? 3 : 15,
      warmups: quick ? 1 : 2,
      budgetMs: quick ? 5_000 : 30_000,
      routerPairs: quick ? 10 : 60,
      routerBudgetMs: quick ? 5_000 : 40_000,
    };
    const streamOverhead = await benchStreamOverhead(server, dispatcher, deps, options, named as Family[]);
    const checks = streamChecks(streamOverhead);
    const machine = machineFacts(loadAtStart);
    process.stdout.write(
      `load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at the end\n\n`,
    );
    process.stdout.write(
      [
        '| Measure | Skynet | Reference | Ratio | Target | Result |',
        '|---|---|---|---|---|---|',
        ...checks.map(
          (check) =>
            `| ${[check.measure, check.skynet, check.reference, check.ratio, check.target, verdict(check)].join(' | ')} |`,
        ),
      ].join('\n') + '\n',
    );
    return checks.some((check) => check.pass === false) ? 1 : 0;
  } finally {
    await server.stop();
    await deps.close();
    await dispatcher.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);

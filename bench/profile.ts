/**
 * Where a stream's time goes: profiles one implementation consuming a family's long stream and prints the
 * functions with the most self time (the same data `node --cpu-prof` writes).
 *   node out/bench/profile.js <openai|anthropic|ollama|bedrock|gemini> [skynet|routed|sdk|raw|parseFloor] [runs]
 */
import { Session, type Profiler } from 'node:inspector';
import { Agent } from 'undici';
import { benchDeps } from './benchDeps';
import { familyConsumers } from './consumers';
import { FAMILIES, type Family } from './longStreams';
import { startBenchServer } from './serverProcess';

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

function topSelfTime(profile: Profiler.Profile, count: number): string[] {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.replace(/^.*\/(node_modules|out)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[index] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([key, micros]) =>
        `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(1).padStart(8)} ms  ${key}`,
    );
}

async function main(): Promise<void> {
  const family = (process.argv[2] ?? 'openai') as Family;
  const which = (process.argv[3] ?? 'skynet') as 'skynet' | 'routed' | 'sdk' | 'raw' | 'parseFloor';
  const runs = Number(process.argv[4] ?? 20);
  if (!FAMILIES.includes(family)) throw new Error(`family must be one of ${FAMILIES.join(', ')}`);
  const server = await startBenchServer();
  const deps = benchDeps(server.url);
  const dispatcher = new Agent();
  const consume = familyConsumers(family, server.url, dispatcher, deps)[which];
  if (!consume) throw new Error(`${which} is not available for ${family}`);
  await consume();
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  for (let run = 0; run < runs; run++) await consume();
  const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
  session.disconnect();
  process.stdout.write(`${family} ${which}, ${runs} runs; self time:\n${topSelfTime(profile, 25).join('\n')}\n`);
  await server.stop();
  await deps.close();
  await dispatcher.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

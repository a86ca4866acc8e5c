import * as fs from 'node:fs';
import * as os from 'node:os';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { eventually, startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { refusedUrl } from '../../fakes/providerHarness';
import { replaySse, sseFromPayloads, writeInPieces } from '../../fakes/wire';
import { answerWithFault } from './faultResponder';
import { faultById, type Fault, type FaultId } from './faults';
import type { Family, FamilySetup, WireStream } from './family';

export const HEALTHY_TEXT = 'The healthy slot answers.';

/** A short healthy Chat Completions stream whose text is `text`. */
export function healthySse(text = HEALTHY_TEXT): string {
  const words = text.split(/(?<= )/);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    JSON.stringify({
      id: 'h1',
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  return sseFromPayloads([...words.map((word) => chunk({ content: word })), chunk({}, 'stop')]);
}

/** The same answer as Ollama `/api/chat` NDJSON. */
function healthyNdjson(text = HEALTHY_TEXT): string {
  const line = (content: string, done: boolean) =>
    JSON.stringify({
      model: 'healthy',
      created_at: '2025-10-26T17:15:24.1Z',
      message: { role: 'assistant', content },
      done,
      ...(done ? { done_reason: 'stop' } : {}),
    });
  return `${[...text.split(/(?<= )/).map((word) => line(word, false)), line('', true)].join('\n')}\n`;
}

/** One fault case's world: the faulty family's fake server, a healthy fake server, a temporary home. */
export interface FaultScene {
  fault: Fault;
  wire: WireStream;
  setup: FamilySetup;
  faulty: FakeServer;
  /** Answers `POST /chat/completions` (SSE) and `POST /api/chat` (NDJSON) with HEALTHY_TEXT. */
  healthy: FakeServer;
  dir: string;
  /** Chat answers of the faulty server whose connection has not closed yet. */
  openAnswers: Set<ServerResponse>;
}

/**
 * Builds the scene, runs `body`, then requires every socket to both servers to be closed (the body must have
 * closed its HTTP client) and removes everything.
 */
export async function withFaultScene<T>(
  family: Family,
  faultId: FaultId,
  body: (scene: FaultScene) => Promise<T>,
): Promise<T> {
  const fault = faultById(faultId);
  const faulty = await startFakeServer();
  const healthy = await startFakeServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-faults-'));
  try {
    const wire = family.wire();
    const chatBaseUrl = fault.id === 'connection refused' ? await refusedUrl() : faulty.url;
    const setup = await family.setup({ server: faulty, chatBaseUrl, dir, fault: fault.id });
    const openAnswers = new Set<ServerResponse>();
    faulty.route(setup.chat.method, setup.chat.path, (request, response, raw) => {
      openAnswers.add(response);
      response.on('close', () => openAnswers.delete(response));
      return answerWithFault(family, setup, wire, fault, request, response, raw);
    });
    healthy.route('POST', '/chat/completions', (_request, response) => replaySse(response, healthySse()));
    healthy.route('POST', '/api/chat', async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      await writeInPieces(response, Buffer.from(healthyNdjson()));
    });
    const result = await body({ fault, wire, setup, faulty, healthy, dir, openAnswers });
    await eventually(() => faulty.openSockets() === 0 && healthy.openSockets() === 0, 2000, 'every socket closed');
    return result;
  } finally {
    await Promise.all([faulty.close(), healthy.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

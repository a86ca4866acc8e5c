import * as assert from 'node:assert/strict';
import { createModelEndpointCache } from '../../../../src/providers/copilot/copilotModelEndpoints';
import { ProviderError } from '../../../../src/util/errors';
import { silentLogger } from '../../../../src/util/logger';

const MODELS = { data: [{ id: 'gpt-5.3-codex', supported_endpoints: ['/responses'] }] };

/** A `/models` fetch that answers when told to, and fails as cancelled when its signal aborts. */
function controllableFetch() {
  const calls: Array<{ signal: AbortSignal; answer: () => void }> = [];
  const fetch = (signal: AbortSignal): Promise<unknown> =>
    new Promise((resolve, reject) => {
      calls.push({ signal, answer: () => resolve(MODELS) });
      signal.addEventListener(
        'abort',
        () => reject(new ProviderError({ kind: 'cancelled', slot: 'copilot', message: 'cancelled' })),
        { once: true },
      );
    });
  return { calls, fetch };
}

const cacheWith = (fetch: (signal: AbortSignal) => Promise<unknown>) =>
  createModelEndpointCache({ fetch, now: Date.now, logger: silentLogger, provider: 'copilot' });

describe('Copilot /models endpoint cache', () => {
  it('aborts the shared /models request when its only caller cancels, and does not remember that as "unavailable"', async () => {
    const { calls, fetch } = controllableFetch();
    const cache = cacheWith(fetch);
    const controller = new AbortController();
    const waiting = cache.get(controller.signal);
    controller.abort();
    await assert.rejects(waiting, (error: unknown) => error instanceof ProviderError && error.kind === 'cancelled');
    assert.equal(calls[0].signal.aborted, true, 'the HTTP request itself is aborted');

    const next = cache.get();
    assert.equal(calls.length, 2, 'the next caller asks /models again instead of going by model name for a minute');
    calls[1].answer();
    assert.deepEqual((await next)?.get('gpt-5.3-codex'), ['/responses']);
  });

  it('keeps the shared request going for the callers still waiting when one of them cancels', async () => {
    const { calls, fetch } = controllableFetch();
    const cache = cacheWith(fetch);
    const leaving = new AbortController();
    const first = cache.get(leaving.signal);
    const second = cache.get(new AbortController().signal);
    leaving.abort();
    await assert.rejects(first, (error: unknown) => error instanceof ProviderError && error.kind === 'cancelled');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].signal.aborted, false);
    calls[0].answer();
    assert.deepEqual((await second)?.get('gpt-5.3-codex'), ['/responses']);
  });
});

import * as assert from 'node:assert/strict';
import { createSingleFlight } from '../../../src/util/singleFlight';
import { providerErrorOf } from '../../fakes/signinHarness';

/** An operation the test finishes by hand, recording how often it started and whether it was aborted. */
function controllable() {
  const runs: Array<{ signal: AbortSignal; resolve(value: string): void; reject(error: Error): void }> = [];
  const operation = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      runs.push({ signal, resolve, reject });
    });
  return { runs, operation };
}

describe('single-flight', function () {
  it('shares one run among concurrent callers, and starts a new one after it settles', async () => {
    const flight = createSingleFlight<string>('p');
    const { runs, operation } = controllable();
    const waiting = Array.from({ length: 20 }, () => flight.run(operation));
    assert.equal(runs.length, 1);
    assert.equal(flight.busy, true);
    runs[0].resolve('token-1');
    assert.deepEqual(new Set(await Promise.all(waiting)), new Set(['token-1']));
    assert.equal(flight.busy, false);
    const next = flight.run(operation);
    assert.equal(runs.length, 2);
    runs[1].resolve('token-2');
    assert.equal(await next, 'token-2');
  });

  it('gives every waiter the same failure, then lets the next call try again', async () => {
    const flight = createSingleFlight<string>('p');
    const { runs, operation } = controllable();
    const first = flight.run(operation);
    const second = flight.run(operation);
    runs[0].reject(new Error('refresh failed'));
    await assert.rejects(first, /refresh failed/);
    await assert.rejects(second, /refresh failed/);
    const retry = flight.run(operation);
    assert.equal(runs.length, 2);
    runs[1].resolve('ok');
    assert.equal(await retry, 'ok');
  });

  it('one caller cancelling leaves the run going for the others', async () => {
    const flight = createSingleFlight<string>('p');
    const { runs, operation } = controllable();
    const leaving = new AbortController();
    const staying = new AbortController();
    const left = flight.run(operation, leaving.signal);
    const stayed = flight.run(operation, staying.signal);
    leaving.abort();
    assert.equal((await providerErrorOf(left)).kind, 'cancelled');
    assert.equal(runs[0].signal.aborted, false);
    runs[0].resolve('token');
    assert.equal(await stayed, 'token');
  });

  it('aborts the run when every caller has cancelled', async () => {
    const flight = createSingleFlight<string>('p');
    const { runs, operation } = controllable();
    const a = new AbortController();
    const b = new AbortController();
    const pa = flight.run(operation, a.signal);
    const pb = flight.run(operation, b.signal);
    a.abort();
    b.abort();
    assert.equal((await providerErrorOf(pa)).kind, 'cancelled');
    assert.equal((await providerErrorOf(pb)).kind, 'cancelled');
    assert.equal(runs[0].signal.aborted, true);
    // A later caller does not join the abandoned run.
    const later = flight.run(operation);
    assert.equal(runs.length, 2);
    runs[1].resolve('fresh');
    assert.equal(await later, 'fresh');
  });

  it('rejects at once when the signal is already aborted, without starting a run', async () => {
    const flight = createSingleFlight<string>('p');
    const { runs, operation } = controllable();
    const controller = new AbortController();
    controller.abort();
    assert.equal((await providerErrorOf(flight.run(operation, controller.signal))).kind, 'cancelled');
    assert.equal(runs.length, 0);
  });
});

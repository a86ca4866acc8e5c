import * as assert from 'node:assert/strict';
import { Handoff, PassThrough, type Handover } from '../../../src/providers/passThrough';

/** An inner stream of `items` (an Error item is thrown) that records whether it was closed. */
function inner<T>(items: Array<T | Error>): AsyncGenerator<T> & { closed: () => boolean } {
  let closed = false;
  const generator = (async function* () {
    try {
      for (const item of items) {
        if (item instanceof Error) throw item;
        yield item;
      }
    } finally {
      closed = true;
    }
  })();
  return Object.assign(generator, { closed: () => closed });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('pass-through streams (the answering phase of router, key ring and meter)', () => {
  it('maps each item, and calls end once when the inner stream is done', async () => {
    let ends = 0;
    const stream = new PassThrough(inner([1, 2, 3]), { map: (n: number) => n * 10, end: () => ends++ });
    assert.deepEqual(await collect(stream), [10, 20, 30]);
    assert.deepEqual(await stream.next(), { done: true, value: undefined });
    assert.equal(ends, 1);
  });

  it('throws the error hook’s error after end, once the inner stream fails', async () => {
    const order: string[] = [];
    const stream = new PassThrough(inner<number>([1, new Error('cut')]), {
      error: (caught) => {
        order.push('error');
        return new Error(`wrapped ${(caught as Error).message}`);
      },
      end: () => order.push('end'),
    });
    await assert.rejects(collect(stream), /wrapped cut/);
    assert.deepEqual(order, ['end', 'error']);
  });

  it('a consumer that stops early closes the inner stream and ends once', async () => {
    let ends = 0;
    const source = inner([1, 2, 3]);
    const stream = new PassThrough(source, { end: () => ends++ });
    for await (const item of stream) if (item === 1) break;
    assert.equal(source.closed(), true);
    await stream.return();
    assert.equal(ends, 1);
  });

  it('a handoff reads the head, then the iterator it returns; stopping in either part closes that part', async () => {
    const tail = inner(['c', 'd']);
    const head = async function* (): AsyncGenerator<string, AsyncIterator<string> | undefined> {
      yield 'a';
      yield 'b';
      return tail;
    };
    assert.deepEqual(await collect(new Handoff(head())), ['a', 'b', 'c', 'd']);

    let headClosed = false;
    const early = async function* (): AsyncGenerator<string, AsyncIterator<string> | undefined> {
      try {
        yield 'a';
        return inner(['never']);
      } finally {
        headClosed = true;
      }
    };
    for await (const item of new Handoff(early())) if (item === 'a') break;
    assert.equal(headClosed, true);

    const later = inner(['c', 'd']);
    const handoff = new Handoff(
      (async function* (): AsyncGenerator<string, AsyncIterator<string> | undefined> {
        yield 'a';
        return later;
      })(),
    );
    for await (const item of handoff) if (item === 'c') break;
    assert.equal(later.closed(), true);
  });

  it('next() calls queued before the handoff still come out in order', async () => {
    const head = async function* (): AsyncGenerator<number, AsyncIterator<number> | undefined> {
      yield 1;
      return inner([2, 3]);
    };
    const stream = new Handoff(head());
    const results = await Promise.all([stream.next(), stream.next(), stream.next(), stream.next()]);
    assert.deepEqual(
      results.map((result) => result.value),
      [1, 2, 3, undefined],
    );
  });

  it('a head that returns a handover hands on its last item and the tail in the same step', async () => {
    const tail = inner(['c', 'd']);
    const handoff = new Handoff(
      (async function* (): AsyncGenerator<string, Handover<string>> {
        yield 'a';
        return { last: 'b', tail };
      })(),
    );
    assert.deepEqual(await handoff.next(), { done: false, value: 'a' });
    assert.equal(handoff.handedOffTo, undefined);
    assert.deepEqual(await handoff.next(), { done: false, value: 'b' });
    assert.equal(handoff.handedOffTo, tail);
    assert.deepEqual(await collect(handoff), ['c', 'd']);
  });

  it('over() folds a handed-off handoff and the pass-through under it into one layer, hooks in order', async () => {
    const order: string[] = [];
    const source = inner([1, 2, new Error('cut')]);
    const lower = new PassThrough(source, {
      map: (n: number) => n + 1,
      error: (caught) => new Error(`lower ${(caught as Error).message}`),
      end: () => order.push('lower end'),
    });
    const handoff = new Handoff(
      (async function* (): AsyncGenerator<number, Handover<number>> {
        return { last: 0, tail: lower };
      })(),
    );
    assert.deepEqual(await handoff.next(), { done: false, value: 0 });
    let lowerSteps = 0;
    const lowerNext = lower.next.bind(lower);
    lower.next = () => (lowerSteps++, lowerNext());
    const upper = PassThrough.over(handoff, {
      map: (n: number) => n * 10,
      error: (caught) => new Error(`upper ${(caught as Error).message}`),
      end: () => order.push('upper end'),
    });
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const item of upper) seen.push(item);
      })(),
      /upper lower cut/,
    );
    assert.deepEqual(seen, [20, 30]);
    assert.deepEqual(order, ['lower end', 'upper end']);
    // One step per item: the folded layers were never asked, and reading them now gives nothing and ends nothing.
    assert.equal(lowerSteps, 0);
    assert.deepEqual(await handoff.next(), { done: true, value: undefined });
    assert.deepEqual(order, ['lower end', 'upper end']);
  });

  it('over() a folded stream that stops early closes the innermost stream and ends every layer once', async () => {
    const ends: string[] = [];
    const source = inner([1, 2, 3]);
    const upper = PassThrough.over(new PassThrough(source, { end: () => ends.push('lower') }), {
      end: () => ends.push('upper'),
    });
    for await (const item of upper) if (item === 1) break;
    assert.equal(source.closed(), true);
    await upper.return();
    assert.deepEqual(ends, ['lower', 'upper']);
  });

  it('over() leaves a handoff that has not handed off yet, and an ended pass-through, as they are', async () => {
    const head = async function* (): AsyncGenerator<number, AsyncIterator<number>> {
      yield 1;
      return inner([2]);
    };
    assert.deepEqual(await collect(PassThrough.over(new Handoff(head()), { map: (n: number) => -n })), [-1, -2]);
    const ended = new PassThrough(inner([1]));
    await collect(ended);
    assert.deepEqual(await collect(PassThrough.over(ended, {})), []);
  });
});

import * as assert from 'node:assert/strict';
import { Handoff, PassThrough } from '../../../src/providers/passThrough';

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
});

/**
 * Once a stream is answering, each layer over it (router, key ring, usage meter) only looks at what passes: an
 * async generator there would still cost its own async steps per batch. These iterators forward `next()` to the
 * inner iterator with a synchronous hook instead, so the answering phase costs one promise reaction per layer.
 */

/** What a pass-through does with the inner stream's results, synchronously. */
export interface PassHooks<In, Out> {
  /** Each item on its way out. */
  map?(value: In): Out;
  /** The error to throw instead of the inner one. */
  error?(caught: unknown): unknown;
  /** Once, when the stream ends for any reason: done, failed or returned early. */
  end?(): void;
}

type Result<T> = IteratorResult<T, undefined>;

const DONE: Result<never> = { done: true, value: undefined };

/** `inner`'s items through `hooks`, as an async iterator that takes no async step of its own. */
export class PassThrough<In, Out = In> implements AsyncIterableIterator<Out, undefined> {
  private ended = false;

  constructor(
    private readonly inner: AsyncIterator<In>,
    private readonly hooks: PassHooks<In, Out> = {},
  ) {}

  next(): Promise<Result<Out>> {
    if (this.ended) return Promise.resolve(DONE);
    return this.inner.next().then(
      (result) => {
        if (result.done) {
          this.end();
          return DONE;
        }
        return { done: false, value: this.hooks.map ? this.hooks.map(result.value) : (result.value as unknown as Out) };
      },
      (caught: unknown) => {
        this.end();
        throw this.hooks.error ? this.hooks.error(caught) : caught;
      },
    );
  }

  /** The consumer stopped early: the inner stream is closed (its HTTP response with it). */
  async return(): Promise<Result<Out>> {
    if (this.ended) return DONE;
    this.end();
    await this.inner.return?.();
    return DONE;
  }

  async throw(error?: unknown): Promise<Result<Out>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.hooks.end?.();
  }
}

/**
 * A stream whose first part is `head` (an async generator: failover, key rotation, held usage) and, once `head`
 * returns an iterator, that iterator's items: from then on `next()` goes straight to it.
 */
export class Handoff<T> implements AsyncIterableIterator<T, undefined> {
  private tail: AsyncIterator<T> | undefined;

  constructor(private readonly head: AsyncGenerator<T, AsyncIterator<T> | undefined>) {}

  next(): Promise<Result<T>> {
    if (this.tail) return this.tail.next() as Promise<Result<T>>;
    return this.head.next().then((result) => {
      if (!result.done) return result;
      if (result.value) this.tail = result.value;
      // A next() that was queued behind the one that handed off finds the head done: it reads the tail too.
      return this.tail ? (this.tail.next() as Promise<Result<T>>) : DONE;
    });
  }

  async return(): Promise<Result<T>> {
    if (this.tail) await this.tail.return?.();
    else await this.head.return(undefined);
    return DONE;
  }

  async throw(error?: unknown): Promise<Result<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** One step of a head's inner iterator that also says whether the inner stream is finished (done or failed). */
export async function step<T>(iterator: AsyncIterator<T>, state: { finished: boolean }): Promise<IteratorResult<T>> {
  try {
    const result = await iterator.next();
    if (result.done) state.finished = true;
    return result;
  } catch (error) {
    state.finished = true;
    throw error;
  }
}

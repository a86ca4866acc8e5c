/**
 * Once a stream is answering, each layer over it (router, key ring, usage meter, origin guard) only looks at what
 * passes: an async generator there would still cost its own async steps per batch. These iterators forward `next()`
 * to the inner iterator with a synchronous hook instead, and `PassThrough.over` folds the layers below into one, so
 * the answering phase costs one promise reaction per batch however many layers look at it.
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

/** `inner`'s hooks, then `outer`'s: what two pass-throughs stacked would do, as one. */
function stacked(inner: PassHooks<unknown, unknown>, outer: PassHooks<unknown, unknown>): PassHooks<unknown, unknown> {
  const hooks: PassHooks<unknown, unknown> = {};
  if (inner.map && outer.map) {
    const [first, second] = [inner.map, outer.map];
    hooks.map = (value) => second(first(value));
  } else if (inner.map || outer.map) hooks.map = inner.map ?? outer.map;
  if (inner.error || outer.error)
    hooks.error = (caught) => {
      const once = inner.error ? inner.error(caught) : caught;
      return outer.error ? outer.error(once) : once;
    };
  if (inner.end || outer.end)
    hooks.end = () => {
      inner.end?.();
      outer.end?.();
    };
  return hooks;
}

/** `inner`'s items through `hooks`, as an async iterator that takes no async step of its own. */
export class PassThrough<In, Out = In> implements AsyncIterableIterator<Out, undefined> {
  private ended = false;
  /** Folded into a pass-through over it (`over`): whoever held this one no longer reads it. */
  private folded = false;

  constructor(
    private readonly inner: AsyncIterator<In>,
    private readonly hooks: PassHooks<In, Out> = {},
  ) {}

  /**
   * `hooks` over `iterator`, with the pass-through layers already under it folded in: a handoff that has handed
   * off is seen through to its tail, and a pass-through's hooks run before `hooks` in the same step. Only for an
   * iterator that nobody else reads any more (a layer's own inner stream once it is answering).
   */
  static over<In, Out>(iterator: AsyncIterator<In>, hooks: PassHooks<In, Out>): PassThrough<In, Out> {
    let inner: AsyncIterator<unknown> = iterator;
    let all = hooks as PassHooks<unknown, unknown>;
    for (;;) {
      if (inner instanceof Handoff && inner.handedOffTo) {
        inner = inner.handedOffTo;
      } else if (inner instanceof PassThrough && !inner.ended && !inner.folded) {
        inner.folded = true;
        all = stacked(inner.hooks as PassHooks<unknown, unknown>, all);
        inner = inner.inner;
      } else {
        return new PassThrough(inner, all) as PassThrough<In, Out>;
      }
    }
  }

  next(): Promise<Result<Out>> {
    if (this.ended || this.folded) return Promise.resolve(DONE);
    return this.inner.next().then(this.passed, this.failed);
  }

  /** The consumer stopped early: the inner stream is closed (its HTTP response with it). */
  async return(): Promise<Result<Out>> {
    if (this.ended || this.folded) return DONE;
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

  // Bound once: a pair of closures per batch would be garbage for nothing.
  private readonly passed = (result: IteratorResult<In>): Result<Out> => {
    if (result.done) {
      this.end();
      return DONE;
    }
    if (!this.hooks.map) return result as unknown as Result<Out>;
    const value = this.hooks.map(result.value);
    return value === (result.value as unknown) ? (result as unknown as Result<Out>) : { done: false, value };
  };

  private readonly failed = (caught: unknown): never => {
    this.end();
    throw this.hooks.error ? this.hooks.error(caught) : caught;
  };

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.hooks.end?.();
  }
}

/** How a head hands over: its last item, then everything from `tail`, in the same step. */
export interface Handover<T> {
  last: T;
  tail: AsyncIterator<T>;
}

/**
 * A stream whose first part is `head` (an async generator: failover, key rotation, held usage) and, once `head`
 * returns an iterator, that iterator's items: from then on `next()` goes straight to it. A head that returns a
 * `Handover` hands on its last item and the tail at once, so a layer above sees through this one as soon as it
 * has that item (`PassThrough.over`).
 */
export class Handoff<T> implements AsyncIterableIterator<T, undefined> {
  private tail: AsyncIterator<T> | undefined;

  constructor(private readonly head: AsyncGenerator<T, AsyncIterator<T> | Handover<T> | undefined>) {}

  /** The iterator this stream now reads, once the head has handed off. */
  get handedOffTo(): AsyncIterator<T> | undefined {
    return this.tail;
  }

  next(): Promise<Result<T>> {
    if (this.tail) return this.tail.next() as Promise<Result<T>>;
    return this.head.next().then((result) => {
      if (!result.done) return result;
      const handed = result.value;
      if (handed && !isIterator(handed)) {
        this.tail = handed.tail;
        return { done: false, value: handed.last };
      }
      if (handed) this.tail = handed;
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

function isIterator<T>(value: AsyncIterator<T> | Handover<T>): value is AsyncIterator<T> {
  return typeof (value as AsyncIterator<T>).next === 'function';
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

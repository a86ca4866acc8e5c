import { cancelledError } from './errors';

/**
 * Shares one in-flight operation (a token refresh, an exchange) among every caller that asks while it runs.
 * The operation gets its own signal: one caller giving up does not cancel it for the others; it is aborted
 * only when every waiting caller has given up.
 */
export interface SingleFlight<T> {
  run(operation: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Whether an operation is running now. */
  readonly busy: boolean;
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

export function createSingleFlight<T>(provider: string): SingleFlight<T> {
  let current: Flight<T> | undefined;

  const start = (operation: (signal: AbortSignal) => Promise<T>): Flight<T> => {
    const controller = new AbortController();
    const flight: Flight<T> = { controller, waiters: 0, promise: Promise.resolve() as Promise<never> };
    flight.promise = (async () => {
      try {
        return await operation(controller.signal);
      } finally {
        if (current === flight) current = undefined;
      }
    })();
    // Callers that all left must not leave an unhandled rejection behind.
    flight.promise.catch(() => undefined);
    return flight;
  };

  return {
    get busy() {
      return current !== undefined;
    },
    run(operation, signal) {
      if (signal?.aborted) return Promise.reject(cancelledError(provider, signal.reason));
      const flight = (current ??= start(operation));
      flight.waiters++;
      if (!signal) return flight.promise;
      return new Promise<T>((resolve, reject) => {
        let settled = false;
        const leave = (): void => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
        };
        const onAbort = (): void => {
          leave();
          flight.waiters--;
          if (flight.waiters === 0) {
            // Nobody waits any more: stop it, and let the next caller start afresh rather than join it.
            flight.controller.abort(signal.reason);
            if (current === flight) current = undefined;
          }
          reject(cancelledError(provider, signal.reason));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        flight.promise.then(
          (value) => {
            if (settled) return;
            leave();
            resolve(value);
          },
          (error: unknown) => {
            if (settled) return;
            leave();
            reject(error);
          },
        );
      });
    },
  };
}

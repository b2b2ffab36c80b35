/** A function that runs `fn` once calls have paused for `ms`; `cancel` drops a pending call. */
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
  /** Runs a pending call now (e.g. on Enter). */
  flush(): void;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  const run = () => {
    timer = undefined;
    const args = pending;
    pending = undefined;
    if (args) fn(...args);
  };
  const debounced = ((...args: A) => {
    pending = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, ms);
  }) as Debounced<A>;
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  debounced.flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    run();
  };
  return debounced;
}

/**
 * Keeps only the latest of overlapping async requests: `next()` returns a token, and `isLatest`
 * says whether an answer still belongs to the newest request (typing fast must not let an old,
 * slow answer overwrite a newer one).
 */
export class Latest {
  private counter = 0;
  next(): number {
    this.counter += 1;
    return this.counter;
  }
  isLatest(token: number): boolean {
    return token === this.counter;
  }
}

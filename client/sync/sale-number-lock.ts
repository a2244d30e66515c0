let chain: Promise<unknown> = Promise.resolve();

/**
 * Runs fn while no other tab or caller is numbering a sale, so two tabs never give two sales
 * the same device sequence. Web Locks span tabs; the promise chain covers Node simulations.
 */
export function withSaleNumberLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks) return locks.request('ecomarket-sale-number', fn) as Promise<T>;
  const run = chain.then(fn, fn);
  chain = run.catch(() => undefined);
  return run;
}

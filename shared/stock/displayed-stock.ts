/**
 * DESIGN invariant 4 / SPEC S4: the stock a device shows is the last level it pulled from the
 * server plus its own movements the server had not applied when that level was produced.
 * "Applied" is decided by server sequence only: a movement acknowledged at appliedSeq is inside
 * a level stamped levelSeq exactly when appliedSeq <= levelSeq. Clocks play no part.
 */
export interface PulledLevel {
  quantity: number;
  /** Server sequence of the last movement inside this level. */
  seq: number;
}

export interface LocalMovement {
  /** Signed change in units: a sale is negative, a refund positive. */
  delta: number;
  /** Server sequence the movement was applied at, once the server acknowledged it. */
  appliedSeq: number | null;
}

function isInsideLevel(movement: LocalMovement, level: PulledLevel | undefined): boolean {
  return movement.appliedSeq !== null && level !== undefined && movement.appliedSeq <= level.seq;
}

export function displayedStock(level: PulledLevel | undefined, movements: readonly LocalMovement[]): number {
  let quantity = level?.quantity ?? 0;
  for (const m of movements) {
    if (!isInsideLevel(m, level)) quantity += m.delta;
  }
  return quantity;
}

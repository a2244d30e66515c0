/** What a caught error says, for a message the person at the screen reads. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

import type { Request, Response } from 'express';
import { DETAILED_PUSH_ANSWER, PUSH_ANSWER_HEADER, type PushResult } from '../../shared/protocol';
import { ERROR_CODES, type ErrorCode } from '../../shared/protocol/api-error';
import { ApiError } from '../http/api-error';
import { sendJson } from './send-json';

/**
 * Answers a push whose rows the server has already judged (and applied where they were good).
 * The POS asks for the detailed answer (PUSH_ANSWER_HEADER); any other client gets RxDB's
 * replication protocol: the array of master states its rows conflict with. A refused row the
 * conflicts do not answer (there is no master state to hand back) fails the batch with a 4xx
 * naming every refusal, so a plain RxDB client sees it in `error$` instead of taking it for a
 * success; re-sending the batch is safe, the applied rows are idempotent (SPEC S2).
 */
export function sendPushAnswer(req: Request, res: Response, rowCount: number, result: PushResult): void {
  if (req.get(PUSH_ANSWER_HEADER) === DETAILED_PUSH_ANSWER) {
    sendJson(res, result);
    return;
  }
  const answered = new Set(result.conflicts.map((c) => (c as { id?: unknown } | null)?.id));
  const refused = result.rejected.filter((r) => !answered.has(r.id));
  if (refused.length === 0) {
    sendJson(res, result.conflicts);
    return;
  }
  const codes = new Set(refused.map((r) => r.code));
  const only = refused[0]!.code;
  const code: ErrorCode = codes.size === 1 && only in ERROR_CODES ? (only as ErrorCode) : 'BAD_REQUEST';
  throw new ApiError(
    code,
    `The server refused ${refused.length} of the ${rowCount} documents of this push and applied the others; ` +
      `fix or drop the refused ones before sending them again. ${refused.map((r) => r.message).join(' ')}`,
    refused.map((r) => ({ path: r.id, message: `${r.code}: ${r.message}` })),
  );
}

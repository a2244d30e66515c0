import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './api-error';
import { pushResultSchema, rejectionSchema } from './push-result';

describe('push answer rejections', () => {
  it('[S2] a refusal names one of the API error codes, with the status ERROR_CODES gives it', () => {
    const r = rejectionSchema.parse({ id: 's1', code: 'SALE_ID_REUSED', status: 409, message: 'Otra venta.' });
    expect(r.code).toBe('SALE_ID_REUSED');
    expect(r.status).toBe(ERROR_CODES[r.code]);
  });

  it('[S9] a code this device does not know yet reads as INTERNAL, and the rest of the answer still counts', () => {
    const answer = pushResultSchema.parse({
      conflicts: [],
      acks: [{ id: 's2', appliedSeq: 7 }],
      rejected: [{ id: 's1', code: 'SOMETHING_NEWER', status: 422, message: 'Lo que dijo el servidor.' }],
    });
    expect(answer.acks).toEqual([{ id: 's2', appliedSeq: 7 }]);
    expect(answer.rejected).toEqual([{ id: 's1', code: 'INTERNAL', status: 422, message: 'Lo que dijo el servidor.' }]);
  });
});

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nulPaths } from '../../shared/text/nul-character';
import { bodyHadNoEscapes, pushBodyParser } from './push-body';

/**
 * pushBodyParser vouches that a body without a `\u` escape holds no U+0000 and no lone surrogate,
 * so validate-rows skips its walk for them: checked here against that walk (nulPaths) on bodies
 * as any client could write them, bytes that are not UTF-8 included.
 */
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.post('/push', pushBodyParser('2mb'), (req, res) => {
    res.json({ vouched: bodyHadNoEscapes(req), unstorable: nulPaths(req.body), body: req.body as unknown });
  });
  app.use((err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(err.status ?? 500).json({ error: true });
  });
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

async function post(
  body: Buffer | string,
  contentType = 'application/json',
): Promise<{ status: number; answer: { vouched?: boolean; unstorable?: string[]; body?: unknown } }> {
  const bytes = typeof body === 'string' ? body : new Uint8Array(body);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: bytes });
  return { status: res.status, answer: (await res.json()) as { vouched?: boolean; unstorable?: string[] } };
}

// Text, sometimes with U+0000, half of a surrogate pair, a backslash or a `u` in it.
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 3 }),
        fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', '\\', 'u', '\\u', 'é', '\u001f'),
      )
      .map(([a, b]) => a + b),
  },
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * Other ways a client could write the same JSON: any character inside a string spelt as a `\u`
 * escape, and bytes that are not UTF-8 (an encoded surrogate, an overlong U+0000, a stray
 * continuation byte) put inside a string.
 */
function respelt(serialised: string, escapeAt: number[], rawAt: number[], raw: readonly number[]): Buffer {
  let out = '';
  let inString = false;
  for (let i = 0; i < serialised.length; i++) {
    const c = serialised[i]!;
    if (c === '"' && (i === 0 || serialised[i - 1] !== '\\' || serialised[i - 2] === '\\')) inString = !inString;
    if (inString && c !== '"' && c !== '\\' && escapeAt.includes(i))
      out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += c;
  }
  const bytes = [...Buffer.from(out)];
  // Raw bytes go right after an opening quote, where they are inside a string whatever else is there.
  const quotes = bytes.flatMap((b, i) => (b === 0x22 ? [i] : []));
  for (const at of rawAt) {
    const q = quotes[at % Math.max(1, quotes.length)];
    if (q !== undefined && quotes.indexOf(q) % 2 === 0) bytes.splice(q + 1, 0, ...raw);
  }
  return Buffer.from(bytes);
}

describe('pushBodyParser', () => {
  it('vouches for a body only when nothing in it is U+0000 or a lone surrogate (property, any spelling)', async () => {
    await fc.assert(
      fc.asyncProperty(
        json,
        fc.array(fc.nat(400), { maxLength: 6 }),
        fc.array(fc.nat(40), { maxLength: 3 }),
        fc.constantFrom([0xed, 0xa0, 0x80], [0xc0, 0x80], [0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80]),
        async (value, escapeAt, rawAt, raw) => {
          const body = respelt(JSON.stringify([{ newDocumentState: value }]), escapeAt, rawAt, raw);
          const { status, answer } = await post(body);
          if (status !== 200) return; // not JSON after all (a raw byte broke it): refused before any check
          if (answer.vouched) expect(answer.unstorable).toEqual([]);
          // Without any escape the body is vouched for.
          if (!Buffer.from(body).includes('\\u')) expect(answer.vouched).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not vouch for an escape, even a harmless one, nor for a body in another UTF', async () => {
    expect((await post('[{"newDocumentState":{"name":"Ana\\u0000"}}]')).answer).toMatchObject({
      vouched: false,
      unstorable: ['0.newDocumentState.name'],
    });
    expect((await post('[{"newDocumentState":{"name":"Ana\\udfffb"}}]')).answer.vouched).toBe(false);
    expect((await post('[{"newDocumentState":{"name":"Jos\\u00e9"}}]')).answer.vouched).toBe(false);
    expect((await post('[{"newDocumentState":{"name":"José"}}]')).answer).toMatchObject({
      vouched: true,
      body: [{ newDocumentState: { name: 'José' } }],
    });
    // UTF-16: the escape's bytes are not `\u` as UTF-8 has them.
    const utf16 = Buffer.from('[{"newDocumentState":{"name":"Ana\\u0000"}}]', 'utf16le');
    const answer = (await post(utf16, 'application/json; charset=utf-16le')).answer;
    expect(answer).toMatchObject({ vouched: false, unstorable: ['0.newDocumentState.name'] });
  });
});

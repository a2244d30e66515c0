/**
 * The seed's API validates with FastAPI + pydantic v2: a wrong body answers 422 with
 * `{"detail": [{type, loc, msg, input, ctx?}]}`. The prototype and any script written against the
 * seed read that shape, so the legacy API answers it, in pydantic's lax mode rules for the
 * seed's field types (int, float, str, datetime).
 */
export interface PydanticError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export class ValidationFailed extends Error {
  constructor(readonly detail: PydanticError[]) {
    super('422 Unprocessable Entity');
  }
}

type FieldType = 'int' | 'float' | 'str' | 'datetime';

/** A float field, kept as the decimal text it was sent as (never through float maths). */
export interface DecimalText {
  text: string;
}

interface FieldSpec {
  type: FieldType;
  /** pydantic Field(gt=...) */
  gt?: number;
  /** pydantic Field(ge=...) */
  ge?: number;
  /** pydantic Field(le=...) */
  le?: number;
}

type Parsed<T extends Record<string, FieldSpec>> = {
  [K in keyof T]: T[K]['type'] extends 'int'
    ? number
    : T[K]['type'] extends 'float'
      ? DecimalText
      : T[K]['type'] extends 'str'
        ? string
        : Date;
};

const INT_TEXT = /^\s*[+-]?\d+(_\d+)*\s*$/;
const FLOAT_TEXT = /^\s*[+-]?(\d+(_\d+)*(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

function parseInt_(value: unknown, loc: (string | number)[], errors: PydanticError[]): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return void errors.push({ type: 'finite_number', loc, msg: 'Input should be a finite number', input: value });
    if (!Number.isInteger(value))
      return void errors.push({
        type: 'int_from_float',
        loc,
        msg: 'Input should be a valid integer, got a number with a fractional part',
        input: value,
      });
    if (!Number.isSafeInteger(value))
      return void errors.push({
        type: 'int_parsing_size',
        loc,
        msg: 'Unable to parse input string as an integer, exceeded maximum size',
        input: value,
      });
    return value;
  }
  if (typeof value === 'string') {
    if (!INT_TEXT.test(value))
      return void errors.push({
        type: 'int_parsing',
        loc,
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: value,
      });
    const n = Number(value.trim().replace(/_/g, ''));
    if (!Number.isSafeInteger(n))
      return void errors.push({
        type: 'int_parsing_size',
        loc,
        msg: 'Unable to parse input string as an integer, exceeded maximum size',
        input: value,
      });
    return n;
  }
  errors.push({ type: 'int_type', loc, msg: 'Input should be a valid integer', input: value });
  return undefined;
}

function parseFloat_(value: unknown, loc: (string | number)[], errors: PydanticError[]): DecimalText | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return void errors.push({ type: 'finite_number', loc, msg: 'Input should be a finite number', input: value });
    // String(x) is the shortest decimal that reads back as x: the text the client's json.dumps wrote.
    return { text: String(value) };
  }
  if (typeof value === 'string' && FLOAT_TEXT.test(value)) return { text: value.trim().replace(/_/g, '') };
  if (typeof value === 'string')
    return void errors.push({
      type: 'float_parsing',
      loc,
      msg: 'Input should be a valid number, unable to parse string as a number',
      input: value,
    });
  errors.push({ type: 'float_type', loc, msg: 'Input should be a valid number', input: value });
  return undefined;
}

const DATETIME_TEXT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function parseDatetime(value: unknown, loc: (string | number)[], errors: PydanticError[]): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // pydantic reads numbers as Unix time, in seconds below 2e10 and in milliseconds above.
    const date = new Date(Math.abs(value) > 2e10 ? value : value * 1000);
    const year = date.getUTCFullYear();
    if (!Number.isNaN(date.getTime()) && year >= 1 && year <= 9999) return date;
    errors.push({
      type: 'datetime_parsing',
      loc,
      msg: 'Input should be a valid datetime, dates after 9999 are not supported as unix timestamps',
      input: value,
    });
    return undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (DATETIME_TEXT.test(text)) {
      // A naive datetime (the prototype's datetime.now().isoformat()) is read as UTC; it is for display only.
      const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
      const date = new Date(withZone.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
      if (!Number.isNaN(date.getTime())) return date;
    }
    errors.push({
      type: 'datetime_from_date_parsing',
      loc,
      msg: 'Input should be a valid datetime or date, invalid character in year',
      input: value,
    });
    return undefined;
  }
  errors.push({ type: 'datetime_type', loc, msg: 'Input should be a valid datetime', input: value });
  return undefined;
}

const BOUNDS = {
  gt: { type: 'greater_than', words: 'greater than', holds: (n: number, limit: number) => n > limit },
  ge: {
    type: 'greater_than_equal',
    words: 'greater than or equal to',
    holds: (n: number, limit: number) => n >= limit,
  },
  le: { type: 'less_than_equal', words: 'less than or equal to', holds: (n: number, limit: number) => n <= limit },
} as const;

/** Pydantic's error for a number past one of its bounds. */
export function boundError(
  bound: keyof typeof BOUNDS,
  limit: number,
  loc: (string | number)[],
  input: unknown,
): PydanticError {
  const { type, words } = BOUNDS[bound];
  return { type, loc, msg: `Input should be ${words} ${limit}`, input, ctx: { [bound]: limit } };
}

function checkBounds(
  spec: FieldSpec,
  numeric: number,
  input: unknown,
  loc: (string | number)[],
  errors: PydanticError[],
): void {
  for (const bound of ['gt', 'ge', 'le'] as const) {
    const limit = spec[bound];
    if (limit !== undefined && !BOUNDS[bound].holds(numeric, limit)) errors.push(boundError(bound, limit, loc, input));
  }
}

/** Validates a JSON body like a pydantic model with these fields; throws ValidationFailed with every problem. */
export function parseModel<T extends Record<string, FieldSpec>>(fields: T, body: unknown): Parsed<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailed([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body,
      },
    ]);
  }
  const errors: PydanticError[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const loc = ['body', name];
    if (!(name in body)) {
      errors.push({ type: 'missing', loc, msg: 'Field required', input: body });
      continue;
    }
    const value = (body as Record<string, unknown>)[name];
    const before = errors.length;
    let parsed: unknown;
    if (spec.type === 'int') parsed = parseInt_(value, loc, errors);
    else if (spec.type === 'float') parsed = parseFloat_(value, loc, errors);
    else if (spec.type === 'datetime') parsed = parseDatetime(value, loc, errors);
    else if (typeof value === 'string' && value.includes('\u0000'))
      // PostgreSQL cannot store it; refused on SQLite alike.
      errors.push({
        type: 'string_pattern_mismatch',
        loc,
        msg: 'String should not contain the NUL character (U+0000)',
        input: value,
      });
    else if (typeof value === 'string') parsed = value;
    else errors.push({ type: 'string_type', loc, msg: 'Input should be a valid string', input: value });
    if (errors.length > before) continue;
    if (spec.type === 'int') checkBounds(spec, parsed as number, value, loc, errors);
    if (spec.type === 'float') checkBounds(spec, Number((parsed as DecimalText).text), value, loc, errors);
    out[name] = parsed;
  }
  if (errors.length > 0) throw new ValidationFailed(errors);
  return out as Parsed<T>;
}

/** A path parameter declared `int` in the seed (`/inventory/{product_id}`). */
export function parsePathInt(name: string, value: string | undefined): number {
  const errors: PydanticError[] = [];
  const n = parseInt_(value ?? '', ['path', name], errors);
  if (n === undefined) throw new ValidationFailed(errors);
  return n;
}

/** The body as JSON, or pydantic's json_invalid error at the position where it broke. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
    throw new ValidationFailed([
      {
        type: 'json_invalid',
        loc: ['body', position ? Number(position) : 0],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: text.trim() === '' ? 'Expecting value' : 'Invalid JSON' },
      },
    ]);
  }
}

/**
 * Decimal text (2.5, "3.20", 9.600000000000001, 1e-7) to integer cents, rounded half up at the
 * cent on the digits themselves: the prototype computes totals as price × quantity in floats, so
 * its 3.2 × 3 arrives as 9.600000000000001 and means 960 cents. Null when out of range.
 */
export function decimalToCents({ text }: DecimalText): number | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return null;
  const [, sign, intPart = '', fracPart = '', expText] = m;
  let digits = (intPart + fracPart).replace(/^0+(?=\d)/, '') || '0';
  // Position of the decimal point counted from the left end of `digits`.
  let point = intPart.replace(/^0+(?=\d)/, '').length + Number(expText ?? 0);
  if (intPart.replace(/^0+/, '') === '') {
    // 0.0xx: leading zeros of the fraction were dropped from digits; move the point left for them.
    const lead = fracPart.match(/^0*/)?.[0].length ?? 0;
    digits = fracPart.slice(lead) || '0';
    point = -lead + Number(expText ?? 0);
  }
  // cents = digits × 10^(2 - (digits.length - point))
  const shift = point + 2;
  let whole: string;
  let roundDigit: number;
  if (shift <= 0) {
    whole = '0';
    roundDigit = shift === 0 ? Number(digits[0] ?? '0') : 0;
  } else if (shift >= digits.length) {
    whole = digits + '0'.repeat(shift - digits.length);
    roundDigit = 0;
  } else {
    whole = digits.slice(0, shift);
    roundDigit = Number(digits[shift]);
  }
  if (whole.length > 15) return null;
  let cents = Number(whole) + (roundDigit >= 5 ? 1 : 0);
  if (sign === '-') cents = -cents;
  return Number.isSafeInteger(cents) ? cents : null;
}

const MAX_CENTS = 1e12;

/** A float field as cents, or the 422 pydantic would give for an out-of-range decimal. */
export function centsOf(field: string, value: DecimalText, input: unknown, min: number): number {
  const cents = decimalToCents(value);
  if (cents === null || cents > MAX_CENTS)
    throw new ValidationFailed([boundError('le', MAX_CENTS / 100, ['body', field], input)]);
  // 0.001 rounds to 0 cents: not a price anyone charged.
  if (cents < min) throw new ValidationFailed([boundError('ge', min / 100, ['body', field], input)]);
  return cents;
}

/**
 * pydantic repeats the input in each error; an input nested thousands deep (valid JSON) would
 * overflow JSON.stringify's stack, and a huge one would be sent back whole.
 */
function echoedInput(input: unknown): unknown {
  try {
    return JSON.stringify(input).length <= 4096 ? input : '(demasiado largo para repetirlo)';
  } catch {
    return '(demasiado anidado para repetirlo)';
  }
}

/** FastAPI's 422 answer for these errors. */
export function validationAnswer(err: ValidationFailed): { status: 422; body: { detail: PydanticError[] } } {
  return { status: 422, body: { detail: err.detail.map((d) => ({ ...d, input: echoedInput(d.input) })) } };
}

/** Cents as the seed's float (2.5, 12.5, 3.2): exact for any cent amount, printed by JSON as Python would. */
export function centsToSeedFloat(cents: number): number {
  return cents / 100;
}

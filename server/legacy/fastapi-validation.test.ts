import { describe, expect, it } from 'vitest';
import { boundError, decimalToCents, parseModel, ValidationFailed } from './fastapi-validation';

const cents = (text: string) => decimalToCents({ text });

describe("decimalToCents: the seed's float prices to integer cents without float maths", () => {
  it.each([
    ['2.5', 250],
    ['12.5', 1250],
    ['3.20', 320],
    ['0', 0],
    ['7', 700],
    ['0.05', 5],
    ['0.005', 1],
    ['0.004', 0],
    ['9.600000000000001', 960],
    ['5.3999999999999995', 540],
    ['2.675', 268],
    ['1e-7', 0],
    ['1.5e2', 15000],
    ['1E+3', 100000],
    ['-2.5', -250],
    ['.5', 50],
    ['123456789.99', 12345678999],
  ])('%s → %i', (text, expected) => {
    expect(cents(text)).toBe(expected);
  });

  it('[S12] refuses amounts beyond what cents can hold exactly', () => {
    expect(cents('1e30')).toBeNull();
  });

  it("[S12] matches Python's float × int totals of the prototype (price × quantity, then rounded to cents)", () => {
    for (const [price, qty] of [
      [3.2, 3],
      [1.8, 7],
      [2.5, 9],
      [8.9, 11],
      [0.1, 3],
    ] as const) {
      expect(cents(String(price * qty))).toBe(Math.round(price * 100) * qty);
    }
  });
});

describe('parseModel: pydantic v2 lax-mode errors, as FastAPI answers 422', () => {
  const model = {
    product_id: { type: 'int' as const, gt: 0 },
    name: { type: 'str' as const },
    price: { type: 'float' as const },
    when: { type: 'datetime' as const },
  };

  function errorsOf(body: unknown) {
    try {
      parseModel(model, body);
    } catch (err) {
      if (err instanceof ValidationFailed) return err.detail;
      throw err;
    }
    throw new Error('expected a validation error');
  }

  it('[S12] accepts numeric strings for int and float, as pydantic does in lax mode', () => {
    const parsed = parseModel(model, { product_id: '5', name: 'x', price: '2.50', when: '2026-01-02T03:04:05.123456' });
    expect(parsed.product_id).toBe(5);
    expect(parsed.price.text).toBe('2.50');
    expect(parsed.when.toISOString()).toBe('2026-01-02T03:04:05.123Z');
  });

  it('[S12] names every wrong or missing field with type, loc, msg and input', () => {
    const body = { product_id: 1.5, name: 3, price: 'abc' };
    expect(errorsOf(body)).toEqual([
      {
        type: 'int_from_float',
        loc: ['body', 'product_id'],
        msg: 'Input should be a valid integer, got a number with a fractional part',
        input: 1.5,
      },
      { type: 'string_type', loc: ['body', 'name'], msg: 'Input should be a valid string', input: 3 },
      {
        type: 'float_parsing',
        loc: ['body', 'price'],
        msg: 'Input should be a valid number, unable to parse string as a number',
        input: 'abc',
      },
      { type: 'missing', loc: ['body', 'when'], msg: 'Field required', input: body },
    ]);
  });

  it('[S12] applies Field(gt=0) bounds', () => {
    expect(errorsOf({ product_id: 0, name: 'x', price: 1, when: '2026-01-01T00:00:00' })).toEqual([
      {
        type: 'greater_than',
        loc: ['body', 'product_id'],
        msg: 'Input should be greater than 0',
        input: 0,
        ctx: { gt: 0 },
      },
    ]);
  });

  it.each([
    ['ge', 0.01, '0.001', 'greater_than_equal', 'Input should be greater than or equal to 0.01'],
    ['le', 1e9, '2e9', 'less_than_equal', 'Input should be less than or equal to 1000000000'],
  ] as const)('[S12] words a %s bound of %s as pydantic does (prices in cents)', (bound, limit, input, type, msg) => {
    expect(boundError(bound, limit, ['body', 'price'], input)).toEqual({
      type,
      loc: ['body', 'price'],
      msg,
      input,
      ctx: { [bound]: limit },
    });
  });

  it('[S12] refuses a body that is not an object', () => {
    expect(errorsOf([1, 2])[0]?.type).toBe('model_attributes_type');
  });
});

import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statement-cache';

describe('SQLite statement cache', () => {
  it('prepares a statement once and reuses it; everything else reaches the database unchanged', () => {
    const raw = new SQLite(':memory:');
    const db = withStatementCache(raw);
    db.exec('create table t (a integer)');
    const first = db.prepare('insert into t values (?)');
    expect(db.prepare('insert into t values (?)')).toBe(first);
    first.run(1);
    db.prepare('insert into t values (?)').run(2);
    expect(db.prepare('select sum(a) as s from t').get()).toEqual({ s: 3 });
    expect(db.open).toBe(true);
    db.close();
    expect(raw.open).toBe(false);
  });

  it('keeps only the most recently used statements', () => {
    const db = withStatementCache(new SQLite(':memory:'), 2);
    const one = db.prepare('select 1');
    db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one);
    db.prepare('select 3'); // evicts "select 2", the least recently used
    expect(db.prepare('select 1')).toBe(one);
    const two = db.prepare('select 2');
    expect(db.prepare('select 2')).toBe(two);
    db.close();
  });
});

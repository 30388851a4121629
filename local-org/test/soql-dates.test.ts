import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateLiteralRange } from '../src/soql/dateLiterals.ts';

// A Wednesday in a leap year; the week started on Sunday 12 May.
const NOW = new Date('2024-05-15T12:00:00.000Z');

function range(literal: string, now = NOW): [string, string] | undefined {
    const result = dateLiteralRange(literal, now);
    return result && [result.start, result.end];
}

test('days: end exclusive, in UTC', () => {
    assert.deepEqual(range('TODAY'), ['2024-05-15', '2024-05-16']);
    assert.deepEqual(range('YESTERDAY'), ['2024-05-14', '2024-05-15']);
    assert.deepEqual(range('TOMORROW'), ['2024-05-16', '2024-05-17']);
    assert.deepEqual(range('today'), ['2024-05-15', '2024-05-16']);
    assert.deepEqual(range('TODAY', new Date('2024-05-15T23:59:59.999Z')), ['2024-05-15', '2024-05-16']);
});

test('weeks start on Sunday', () => {
    assert.deepEqual(range('THIS_WEEK'), ['2024-05-12', '2024-05-19']);
    assert.deepEqual(range('LAST_WEEK'), ['2024-05-05', '2024-05-12']);
    assert.deepEqual(range('NEXT_WEEK'), ['2024-05-19', '2024-05-26']);
    assert.deepEqual(range('THIS_WEEK', new Date('2024-05-12T00:00:00.000Z')), ['2024-05-12', '2024-05-19']);
    assert.deepEqual(range('THIS_WEEK', new Date('2024-05-18T23:59:59.000Z')), ['2024-05-12', '2024-05-19']);
});

test('months, quarters and years', () => {
    assert.deepEqual(range('THIS_MONTH'), ['2024-05-01', '2024-06-01']);
    assert.deepEqual(range('LAST_MONTH'), ['2024-04-01', '2024-05-01']);
    assert.deepEqual(range('NEXT_MONTH'), ['2024-06-01', '2024-07-01']);
    assert.deepEqual(range('LAST_MONTH', new Date('2024-01-10T00:00:00.000Z')), ['2023-12-01', '2024-01-01']);
    assert.deepEqual(range('THIS_QUARTER'), ['2024-04-01', '2024-07-01']);
    assert.deepEqual(range('LAST_QUARTER'), ['2024-01-01', '2024-04-01']);
    assert.deepEqual(range('NEXT_QUARTER'), ['2024-07-01', '2024-10-01']);
    assert.deepEqual(range('THIS_YEAR'), ['2024-01-01', '2025-01-01']);
    assert.deepEqual(range('LAST_YEAR'), ['2023-01-01', '2024-01-01']);
    assert.deepEqual(range('NEXT_YEAR'), ['2025-01-01', '2026-01-01']);
    assert.deepEqual(range('THIS_FISCAL_YEAR'), ['2024-01-01', '2025-01-01']);
});

test('LAST_90_DAYS includes today (91 days); NEXT_90_DAYS starts tomorrow', () => {
    assert.deepEqual(range('LAST_90_DAYS'), ['2024-02-15', '2024-05-16']);
    assert.deepEqual(range('NEXT_90_DAYS'), ['2024-05-16', '2024-08-14']);
});

test('numbered literals', () => {
    assert.deepEqual(range('LAST_N_DAYS:7'), ['2024-05-08', '2024-05-16']);
    assert.deepEqual(range('NEXT_N_DAYS:7'), ['2024-05-16', '2024-05-23']);
    assert.deepEqual(range('N_DAYS_AGO:3'), ['2024-05-12', '2024-05-13']);
    assert.deepEqual(range('LAST_N_WEEKS:2'), ['2024-04-28', '2024-05-12']);
    assert.deepEqual(range('NEXT_N_WEEKS:2'), ['2024-05-19', '2024-06-02']);
    assert.deepEqual(range('LAST_N_MONTHS:2'), ['2024-03-01', '2024-05-01']);
    assert.deepEqual(range('NEXT_N_MONTHS:2'), ['2024-06-01', '2024-08-01']);
    assert.deepEqual(range('LAST_N_QUARTERS:1'), ['2024-01-01', '2024-04-01']);
    assert.deepEqual(range('LAST_N_YEARS:2'), ['2022-01-01', '2024-01-01']);
    assert.deepEqual(range('NEXT_N_YEARS:1'), ['2025-01-01', '2026-01-01']);
    assert.deepEqual(range('N_YEARS_AGO:1'), ['2023-01-01', '2024-01-01']);
});

test('names that are not date literals have no range', () => {
    assert.equal(range('SOMEDAY'), undefined);
    assert.equal(range('LAST_N_FORTNIGHTS:2'), undefined);
});

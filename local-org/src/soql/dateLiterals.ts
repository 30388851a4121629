/**
 * SOQL date literals (TODAY, LAST_N_DAYS:7, THIS_QUARTER...) as ranges of calendar days, computed in UTC from the
 * call's clock. Weeks start on Sunday (Salesforce's en_US default); the fiscal year is the calendar year, the
 * default of every org that has not customised it.
 */

/** Days `start` (inclusive) to `end` (exclusive), as `YYYY-MM-DD`. */
export interface DateRange {
    start: string;
    end: string;
}

interface DayRange {
    start: Date;
    end: Date;
}

const DAY_MS = 86_400_000;

function addDays(date: Date, days: number): Date {
    return new Date(date.getTime() + days * DAY_MS);
}

function addMonths(date: Date, months: number): Date {
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
}

function startOfDay(date: Date): Date {
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function startOfWeek(date: Date): Date {
    return addDays(startOfDay(date), -date.getUTCDay());
}

function startOfMonth(date: Date): Date {
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

function startOfQuarter(date: Date): Date {
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - (date.getUTCMonth() % 3), 1));
}

function startOfYear(date: Date): Date {
    return new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
}

function days(from: Date, offset: number, length: number): DayRange {
    return { start: addDays(from, offset), end: addDays(from, offset + length) };
}

function months(from: Date, offset: number, length: number): DayRange {
    return { start: addMonths(from, offset), end: addMonths(from, offset + length) };
}

/** Ranges of the literals without a number, relative to `now`. */
function fixedRange(literal: string, now: Date): DayRange | undefined {
    const today = startOfDay(now);
    const week = startOfWeek(now);
    const month = startOfMonth(now);
    const quarter = startOfQuarter(now);
    const year = startOfYear(now);
    const ranges: Record<string, () => DayRange> = {
        YESTERDAY: () => days(today, -1, 1),
        TODAY: () => days(today, 0, 1),
        TOMORROW: () => days(today, 1, 1),
        LAST_WEEK: () => days(week, -7, 7),
        THIS_WEEK: () => days(week, 0, 7),
        NEXT_WEEK: () => days(week, 7, 7),
        LAST_MONTH: () => months(month, -1, 1),
        THIS_MONTH: () => months(month, 0, 1),
        NEXT_MONTH: () => months(month, 1, 1),
        // Salesforce counts today in LAST_90_DAYS (91 days) and starts NEXT_90_DAYS tomorrow.
        LAST_90_DAYS: () => days(today, -90, 91),
        NEXT_90_DAYS: () => days(today, 1, 90),
        LAST_QUARTER: () => months(quarter, -3, 3),
        THIS_QUARTER: () => months(quarter, 0, 3),
        NEXT_QUARTER: () => months(quarter, 3, 3),
        LAST_YEAR: () => months(year, -12, 12),
        THIS_YEAR: () => months(year, 0, 12),
        NEXT_YEAR: () => months(year, 12, 12),
        LAST_FISCAL_QUARTER: () => months(quarter, -3, 3),
        THIS_FISCAL_QUARTER: () => months(quarter, 0, 3),
        NEXT_FISCAL_QUARTER: () => months(quarter, 3, 3),
        LAST_FISCAL_YEAR: () => months(year, -12, 12),
        THIS_FISCAL_YEAR: () => months(year, 0, 12),
        NEXT_FISCAL_YEAR: () => months(year, 12, 12)
    };
    return ranges[literal]?.();
}

/** Ranges of the `NAME:n` literals. LAST_N_DAYS includes today; NEXT_N_DAYS starts tomorrow. */
function numberedRange(literal: string, n: number, now: Date): DayRange | undefined {
    const today = startOfDay(now);
    const week = startOfWeek(now);
    const month = startOfMonth(now);
    const quarter = startOfQuarter(now);
    const year = startOfYear(now);
    const ranges: Record<string, () => DayRange> = {
        LAST_N_DAYS: () => days(today, -n, n + 1),
        NEXT_N_DAYS: () => days(today, 1, n),
        N_DAYS_AGO: () => days(today, -n, 1),
        LAST_N_WEEKS: () => days(week, -7 * n, 7 * n),
        NEXT_N_WEEKS: () => days(week, 7, 7 * n),
        N_WEEKS_AGO: () => days(week, -7 * n, 7),
        LAST_N_MONTHS: () => months(month, -n, n),
        NEXT_N_MONTHS: () => months(month, 1, n),
        N_MONTHS_AGO: () => months(month, -n, 1),
        LAST_N_QUARTERS: () => months(quarter, -3 * n, 3 * n),
        NEXT_N_QUARTERS: () => months(quarter, 3, 3 * n),
        N_QUARTERS_AGO: () => months(quarter, -3 * n, 3),
        LAST_N_YEARS: () => months(year, -12 * n, 12 * n),
        NEXT_N_YEARS: () => months(year, 12, 12 * n),
        N_YEARS_AGO: () => months(year, -12 * n, 12),
        LAST_N_FISCAL_QUARTERS: () => months(quarter, -3 * n, 3 * n),
        NEXT_N_FISCAL_QUARTERS: () => months(quarter, 3, 3 * n),
        N_FISCAL_QUARTERS_AGO: () => months(quarter, -3 * n, 3),
        LAST_N_FISCAL_YEARS: () => months(year, -12 * n, 12 * n),
        NEXT_N_FISCAL_YEARS: () => months(year, 12, 12 * n),
        N_FISCAL_YEARS_AGO: () => months(year, -12 * n, 12)
    };
    return ranges[literal]?.();
}

function isoDay(date: Date): string {
    return date.toISOString().slice(0, 10);
}

/**
 * The range of a date literal: `TODAY` or `LAST_N_DAYS:7` (the number given separately or after the colon).
 * Undefined for names that are not date literals.
 */
export function dateLiteralRange(literal: string, now: Date): DateRange | undefined {
    const [name, count] = literal.toUpperCase().split(':');
    const range = count === undefined ? fixedRange(name, now) : numberedRange(name, Number(count), now);
    return range && { start: isoDay(range.start), end: isoDay(range.end) };
}

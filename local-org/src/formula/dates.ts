/** Date arithmetic on the stored forms: dates `YYYY-MM-DD`, date-times ISO 8601 UTC. All calendar math is UTC. */
import { parseDate, parseDateTime } from '../values.ts';

const DAY_MS = 86_400_000;

export function dateToDays(date: string): number {
    return Date.parse(`${date}T00:00:00.000Z`) / DAY_MS;
}

export function daysToDate(days: number): string {
    return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** Salesforce adds whole days to a date: the fraction of `date + 1.5` is dropped. */
export function addDaysToDate(date: string, days: number): string {
    return daysToDate(dateToDays(date) + Math.trunc(days));
}

export function addDaysToDateTime(dateTime: string, days: number): string {
    return new Date(Date.parse(dateTime) + Math.round(days * DAY_MS)).toISOString();
}

/** Days between two date-times, with the fraction (NOW() - CreatedDate = 0.5 after twelve hours). */
export function dateTimeDifference(later: string, earlier: string): number {
    return (Date.parse(later) - Date.parse(earlier)) / DAY_MS;
}

/** DATE(year, month, day), or null when the parts make no calendar date (DATE(2023, 2, 29)). */
export function makeDate(year: number, month: number, day: number): string | null {
    const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) ? parseDate(text) : null;
}

/** The GMT calendar date of a date-time, as DATEVALUE() gives it. */
export function dateOfDateTime(dateTime: string): string {
    return new Date(Date.parse(dateTime)).toISOString().slice(0, 10);
}

export function dateTimeOfDate(date: string): string {
    return `${date}T00:00:00.000Z`;
}

/** TEXT(dateTime): Salesforce's GMT text form `2024-05-01 09:30:00Z`. */
export function dateTimeText(dateTime: string): string {
    return new Date(Date.parse(dateTime))
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z');
}

/** Text to a date: `YYYY-MM-DD`, or the date part of a date-time text. */
export function textToDate(text: string): string | null {
    const trimmed = text.trim();
    if (parseDate(trimmed)) return trimmed;
    const dateTime = parseDateTime(trimmed);
    return dateTime ? dateOfDateTime(dateTime) : null;
}

/** Text to a date-time: `YYYY-MM-DD HH:MM:SS` in GMT (an ISO form with offset too), or a bare date at midnight. */
export function textToDateTime(text: string): string | null {
    const trimmed = text.trim();
    const date = parseDate(trimmed);
    return date ? dateTimeOfDate(date) : parseDateTime(trimmed);
}

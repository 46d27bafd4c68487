import type { Lang } from "./i18n.js";

/** IKN's time zone: every time of day is shown in WITA, whatever the browser's zone. */
export const WITA = "Asia/Makassar";

// en-GB keeps the Indonesian day-month-year order in English.
const LOCALES: Record<Lang, string> = { id: "id-ID", en: "en-GB" };

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = make()));
  return f;
}

/** A calendar date `YYYY-MM-DD` as "29 Juli 2024" (no time zone shift: it is a date, not an instant). */
export function formatDate(date: string, lang: Lang): string {
  const f = cachedFormat(`d:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "long", timeZone: "UTC" }));
  return f.format(new Date(`${date}T00:00:00Z`));
}

/** An ISO instant as "29 Jul 2024, 14.05 WITA". */
export function formatDateTime(iso: string | Date, lang: Lang): string {
  const f = cachedFormat(`dt:${lang}`, () =>
    new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeStyle: "short", timeZone: WITA }),
  );
  return `${f.format(typeof iso === "string" ? new Date(iso) : iso)} WITA`;
}

export function formatNumber(n: number | null | undefined, lang: Lang, maxFractionDigits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxFractionDigits }).format(n);
}

export function formatPercent(ratio: number | null | undefined, lang: Lang): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "–";
  return new Intl.NumberFormat(LOCALES[lang], { style: "percent", maximumFractionDigits: 4 }).format(ratio);
}

/** Milliseconds as "812 ms" or "12,5 s". */
export function formatDuration(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  return ms < 1000 ? `${formatNumber(ms, lang, 0)} ms` : `${formatNumber(ms / 1000, lang, 1)} s`;
}

/** Reads back a number shown by `formatNumber` (tests and copy-paste from the page). */
export function parseFormattedNumber(text: string, lang: Lang): number {
  const [group, decimal] = lang === "id" ? [".", ","] : [",", "."];
  return Number(text.trim().split(group).join("").replace(decimal, ".").replace("−", "-"));
}

import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDuration, formatNumber, formatPercent, parseFormattedNumber } from "../web/src/format.js";
import { MESSAGES, translate } from "../web/src/i18n.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("console messages", () => {
  it("has every Indonesian label in English with the same placeholders", () => {
    for (const [key, text] of Object.entries(MESSAGES.id)) {
      const english = MESSAGES.en[key as keyof typeof MESSAGES.en];
      expect(english, key).toBeTypeOf("string");
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.id).sort());
  });

  it("fills placeholders by name", () => {
    expect(translate("id", "unplaced.count", { shown: 3, total: "1.200" })).toBe("3 dari 1.200 ditampilkan");
    expect(translate("en", "unplaced.count", { shown: 3, total: "1,200" })).toBe("3 of 1,200 shown");
  });
});

describe("console formats", () => {
  it("writes calendar dates in the Indonesian style, with no time-zone shift", () => {
    expect(formatDate("2024-08-17", "id")).toBe("17 Agustus 2024");
    expect(formatDate("2024-08-17", "en")).toBe("17 August 2024");
  });

  it("shows instants in WITA (UTC+8) whatever the machine's zone", () => {
    expect(formatDateTime("2024-07-28T18:30:00Z", "id")).toBe("29 Jul 2024, 02.30 WITA");
    expect(formatDateTime("2024-07-28T18:30:00Z", "en")).toBe("29 Jul 2024, 02:30 WITA");
  });

  it("groups thousands the Indonesian way and reads its own numbers back", () => {
    expect(formatNumber(1234567.5, "id")).toBe("1.234.567,5");
    expect(formatNumber(1234567.5, "en")).toBe("1,234,567.5");
    expect(parseFormattedNumber("1.234.567,5", "id")).toBe(1234567.5);
    expect(parseFormattedNumber("-13,895", "en")).toBe(-13895);
    expect(formatNumber(null, "id")).toBe("–");
  });

  it("writes gaps as percentages and durations in ms or s", () => {
    expect(formatPercent(0.00012, "id")).toBe("0,012%");
    expect(formatDuration(812, "id")).toBe("812 ms");
    expect(formatDuration(12_540, "id")).toBe("12,5 s");
  });
});

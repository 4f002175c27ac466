// The lunisolar calendar through the package (the shared vectors in tests/vectors/ cover it in
// depth; these check the JS surface: argument forms, options, errors).
import { test } from "node:test";
import assert from "node:assert/strict";
import { toLunar, fromLunar, canChi, canChiEn, lunarNewYear, leapMonth, lunarMonthLength } from "motcua";
import { vnDate } from "./vn-time.mjs";

test("toLunar / fromLunar", () => {
  assert.deepEqual(toLunar("2025-01-29"), { year: 2025, month: 1, day: 1, leap: false });
  assert.deepEqual(toLunar(vnDate(2025, 1, 29)), { year: 2025, month: 1, day: 1, leap: false });
  // 20:00 UTC on 28 January is 03:00 on the 29th in Vietnam: Tết.
  assert.deepEqual(toLunar(new Date("2025-01-28T20:00:00Z")), { year: 2025, month: 1, day: 1, leap: false });
  assert.deepEqual(toLunar("2025-01-28T16:59:59Z"), { year: 2024, month: 12, day: 29, leap: false });
  assert.deepEqual(toLunar("1984-01-01"), { year: 1983, month: 11, day: 29, leap: false });
  assert.equal(fromLunar(2025, 3, 10), "2025-04-07"); // Hùng Kings' day
  assert.equal(fromLunar(2025, 6, 1, true), "2025-07-25"); // leap month 6
  assert.deepEqual(toLunar("2025-07-25"), { year: 2025, month: 6, day: 1, leap: true });
});

test("the Chinese calendar by its UTC offset", () => {
  assert.equal(lunarNewYear(1985), "1985-01-21");
  assert.equal(lunarNewYear(1985, { utcOffsetMinutes: 480 }), "1985-02-20");
  assert.equal(fromLunar(2007, 1, 1, false, { utcOffsetMinutes: 480 }), "2007-02-18");
  assert.equal(fromLunar(2007, 1, 1, false, { utc_offset_minutes: 420 }), "2007-02-17");
  assert.deepEqual(toLunar("2007-02-17", { utcOffsetMinutes: 480 }), { year: 2006, month: 12, day: 30, leap: false });
});

test("year names, leap months, month lengths", () => {
  assert.equal(canChi(2026), "Bính Ngọ");
  assert.equal(canChiEn(2025), "Wood Snake");
  assert.equal(leapMonth(2025), 6);
  assert.equal(leapMonth(2026), undefined);
  assert.ok([29, 30].includes(lunarMonthLength(2026, 1)));
});

test("bad lunar input", () => {
  const code = (fn) => {
    try {
      fn();
    } catch (err) {
      assert.ok(err instanceof Error);
      return err.code;
    }
    return "no error";
  };
  assert.equal(code(() => fromLunar(2025, 12, 30)), "invalid_lunar_date");
  assert.equal(code(() => fromLunar(2026, 6, 1, true)), "invalid_lunar_date");
  assert.equal(code(() => fromLunar(2025, 13, 1)), "invalid_lunar_date");
  assert.equal(code(() => fromLunar(2025, 300, 1)), "invalid_lunar_date");
  assert.equal(code(() => fromLunar(2025, 1.5, 1)), "invalid_number");
  assert.equal(code(() => fromLunar(1800, 1, 1)), "date_out_of_range");
  assert.equal(code(() => toLunar("1800-01-01")), "date_out_of_range");
  assert.equal(code(() => toLunar("2025-02-30")), "invalid_date");
  assert.equal(code(() => toLunar("2025-01-29", { utcOffset: 480 })), "invalid_argument");
  assert.equal(code(() => toLunar("2025-01-29", { utcOffsetMinutes: 10_000 })), "invalid_argument");
  assert.equal(code(() => toLunar("2025-01-29", 480)), "invalid_argument");
});

test("calendars at other offsets are kept apart", () => {
  // UTC+9 and UTC-5 (computed on first use, then kept): each call answers for its own
  // offset, however they interleave; over 1900-2100 a new moon falls on different days there.
  const years = Array.from({ length: 201 }, (_, i) => 1900 + i);
  const east = years.map((y) => lunarNewYear(y, { utcOffsetMinutes: 540 }));
  const west = years.map((y) => lunarNewYear(y, { utcOffsetMinutes: -300 }));
  assert.ok(years.some((_, i) => east[i] !== west[i]));
  for (const [i, y] of years.entries()) {
    assert.equal(lunarNewYear(y, { utcOffsetMinutes: -300 }), west[i]);
    assert.equal(lunarNewYear(y, { utcOffsetMinutes: 540 }), east[i]);
  }
});

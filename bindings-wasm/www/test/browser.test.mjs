// Drives the demo page in headless Chromium (Debian's /usr/bin/chromium through playwright-core;
// no browser is downloaded): fills the calculator, checks the computed appointment dates
// (worked examples E8 and E3 of reference/procedures.md §8), flips months in the calendar view,
// toggles the language, and saves screenshots to www/test/out/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const www = dirname(here);
const out = join(here, "out");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server;
let context;
let page;
let profile;
const problems = [];

before(async () => {
  assert.ok(existsSync(join(www, "pkg", "motcua.js")), "www/pkg is missing: run `npm run build` first");
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  mkdirSync(out, { recursive: true });
  server = await serve(www, 0);
  profile = mkdtempSync(join(tmpdir(), "motcua-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 1000 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
  await page.goto(`${server.url}?month=2026-02&lang=vi`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
});

after(async () => {
  await context?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const title = () => page.textContent("#month-title");
const cell = (iso) => page.locator(`#grid td[data-date="${iso}"]`);
const classesOf = async (iso) => ((await cell(iso).getAttribute("class")) ?? "").split(/\s+/);

test("the page loads without errors", async () => {
  assert.equal(await page.getAttribute("html", "lang"), "vi");
  assert.match(await page.textContent("h2#calc-title"), /Tính ngày hẹn/);
  assert.deepEqual(problems, []);
});

test("month view: Tết 2026 with lunar dates", async () => {
  assert.match(await title(), /Tháng 2\/2026/);
  assert.match(await title(), /Bính Ngọ/);
  assert.ok((await classesOf("2026-02-17")).includes("holiday"), "Tết mùng 1 is a holiday");
  assert.equal((await cell("2026-02-17").locator(".l").textContent()).trim(), "1/1");
  assert.ok((await classesOf("2026-02-20")).includes("compensatory"), "Fri 20 Feb is a compensatory day");
  assert.ok((await classesOf("2026-02-14")).includes("rest"));
  assert.ok((await classesOf("2026-02-23")).every((c) => !["holiday", "rest"].includes(c)), "Mon 23 Feb is worked");
  assert.match(await page.textContent("#named-days"), /Tết Nguyên đán/);
});

test("month view: flipping months", async () => {
  await page.click("#prev");
  assert.match(await title(), /Tháng 1\/2026/);
  assert.ok((await classesOf("2026-01-01")).includes("holiday"));
  assert.ok((await classesOf("2026-01-02")).includes("swapped"), "Fri 2 Jan 2026 is a swapped day off");
  assert.ok((await classesOf("2026-01-10")).includes("makeup"), "Sat 10 Jan 2026 is worked");
  await page.click("#next");
  await page.click("#next");
  assert.match(await title(), /Tháng 3\/2026/);
  await page.click("#prev");
  assert.match(await title(), /Tháng 2\/2026/);
});

test("calculator: E8, online across Tết after hours → 26 Feb 2026", async () => {
  await page.check('input[name="mode"][value="limit"]');
  await page.fill("#amount", "3");
  await page.selectOption("#unit", "working_days");
  await page.fill("#received-date", "2026-02-13");
  await page.fill("#received-time", "18:30");
  await page.selectOption("#channel", "online");
  await page.click("#compute");
  await page.waitForSelector("#result:not([hidden])", { timeout: 5_000 });
  assert.equal(await page.getAttribute("#due-date", "data-iso"), "2026-02-26");
  assert.match(await page.textContent("#due-date"), /26\/02\/2026/);
  // The explanation is the library's own Vietnamese text, citing the law.
  assert.equal(
    await page.textContent('#explain li[data-kind="counted"]'),
    "Đếm 3 ngày làm việc từ ngày tiếp theo ngày 23/02 (không tính ngày coi như nhận hồ sơ): ngày 24/02, 25/02, 26/02 → " +
      "hạn giải quyết là thứ Năm 26/02/2026, hết hạn vào cuối ngày (theo Điều 147 Bộ luật Dân sự 2015).",
  );
  assert.match(
    await page.textContent('#explain li[data-kind="received"]'),
    /^Hồ sơ nộp trực tuyến được tiếp nhận lúc 18:30 thứ Sáu 13\/02\/2026, sau giờ làm việc \(sau 17:00\): coi như nhận vào ngày làm việc tiếp theo, thứ Hai 23\/02\/2026/,
  );
  const daysOff = await page.locator('#explain li[data-kind="day_off"]').allTextContents();
  assert.equal(daysOff.length, 9, daysOff.join("\n"));
  assert.ok(daysOff.includes("Thứ Sáu 20/02/2026: Nghỉ bù Tết Nguyên đán (ngày nghỉ bù), không phải ngày làm việc (theo khoản 3 Điều 111 Bộ luật Lao động 2019)."), daysOff.join("\n"));
  assert.doesNotMatch(await page.textContent("#explain"), /reference|§/);
  assert.ok((await classesOf("2026-02-26")).includes("due-day"), "the month view shows the due day");
});

test("calculator: E3, a supplement request pauses the clock → 25 Jun 2026", async () => {
  await page.fill("#amount", "10");
  await page.fill("#received-date", "2026-06-08");
  await page.fill("#received-time", "09:00");
  await page.selectOption("#channel", "direct");
  await page.click("#add-request");
  await page.click("#add-supplied");
  const rows = page.locator("#events li");
  await rows.nth(0).locator(".ev-date").fill("2026-06-11");
  await rows.nth(0).locator(".ev-time").fill("15:00");
  await rows.nth(1).locator(".ev-date").fill("2026-06-16");
  await rows.nth(1).locator(".ev-time").fill("10:00");
  await page.click("#compute");
  await page.waitForFunction(() => document.querySelector("#due-date")?.dataset.iso === "2026-06-25", null, { timeout: 5_000 });
  assert.match(await title(), /Tháng 6\/2026/);
  // back to the first example for the screenshot
  await rows.nth(1).locator(".remove").click();
  await rows.nth(0).locator(".remove").click();
});

test("calculator: a procedure from the sample catalogue", async (t) => {
  if (await page.locator("#mode-procedure-label").isHidden()) {
    t.skip("this build has no sample catalogue");
    return;
  }
  await page.check('input[name="mode"][value="procedure"]');
  const options = await page.locator("#procedure option").count();
  assert.ok(options > 5, `${options} procedures`);
  await page.selectOption("#procedure", "KD-01"); // enterprise registration: 3 working days
  await page.fill("#received-date", "2026-02-13");
  await page.fill("#received-time", "18:30");
  await page.selectOption("#channel", "online");
  await page.click("#compute");
  await page.waitForFunction(() => document.querySelector("#due-date")?.dataset.iso === "2026-02-26", null, { timeout: 5_000 });
  await page.check('input[name="mode"][value="limit"]');
});

test("a bad dossier shows the library's error", async () => {
  // A complete dossier "received" without any supplement request: the core refuses it.
  await page.click("#add-supplied");
  await page.locator("#events li").nth(0).locator(".ev-date").fill("2026-02-24");
  await page.click("#compute");
  await page.waitForSelector("#error:not([hidden])", { timeout: 5_000 });
  assert.match(await page.textContent("#error"), /^supplement_without_request: /);
  assert.ok(await page.locator("#result").isHidden());
  await page.locator("#events li").nth(0).locator(".remove").click();
});

test("worklist: the sample, in Vietnamese; a picked file with a bad row", async () => {
  // As of Wednesday 29 April 2026, 08:00; days off 30 April – 3 May (and 25–27 April).
  await page.click("#wl-sample");
  await page.waitForSelector("#wl-table:not([hidden]) tbody tr", { timeout: 5_000 });
  const rows = await page.$$eval("#wl-table tbody tr", (trs) =>
    trs.map((tr) => [tr.dataset.id, tr.className, tr.querySelector(".status").textContent, tr.querySelector(".apology").dataset.iso]),
  );
  assert.deepEqual(rows, [
    ["HS-001", "overdue", "Quá hạn", ""],
    // due as it stood at the request (21–24, 28 April): the apology by Friday 24 April
    ["HS-006", "awaiting_supplement", "Chờ bổ sung", "2026-04-24"],
    ["HS-003", "due_today", "Đến hạn hôm nay", "2026-04-28"],
    // due Monday 4 May: the apology by Wednesday 29 April, before the break
    ["HS-002", "due_soon", "Sắp đến hạn", "2026-04-29"],
    ["HS-004", "due_soon", "Sắp đến hạn", "2026-05-04"],
    ["HS-007", "due_soon", "Sắp đến hạn", ""],
  ]);
  assert.match(await page.textContent("#wl-table thead"), /Hạn gửi phiếu xin lỗi/);
  assert.match(await page.textContent("#wl-summary"), /^6 hồ sơ trong danh sách \(đã đọc 8 hồ sơ\)$/);
  await page.locator("#worklist").screenshot({ path: join(out, "worklist-vi.png") });
  await page.check("#wl-all");
  await page.click("#wl-run");
  await page.waitForFunction(() => document.querySelectorAll("#wl-table tbody tr").length === 7, null, { timeout: 5_000 });
  assert.equal(await page.textContent("#wl-table tbody tr:last-child .status"), "Trong hạn");
  await page.uncheck("#wl-all");
  // A picked file, with one bad row: skipped and counted.
  const csv = "id,received,time_limit\nA,2026-04-28T09:00,3wd\nB,2026-02-30T09:00,3wd\n";
  await page.setInputFiles("#wl-file", { name: "hoso.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /bỏ qua 1 dòng lỗi/.test(document.querySelector("#wl-summary").textContent), null, { timeout: 5_000 });
  assert.deepEqual(await page.$$eval("#wl-table tbody tr", (trs) => trs.map((tr) => tr.dataset.id)), ["A"]);
  // The same file as a spreadsheet's "Unicode text" (UTF-16, tab-separated): the same list.
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.replaceAll(",", "\t").replace("A\t", "U\t"), "utf16le")]);
  await page.setInputFiles("#wl-file", { name: "hoso.txt", mimeType: "text/plain", buffer: utf16 });
  await page.waitForFunction(() => document.querySelector("#wl-table tbody tr")?.dataset.id === "U", null, { timeout: 5_000 });
  assert.match(await page.inputValue("#wl-csv"), /^id\treceived\ttime_limit\n/);
  // Saved in the Windows code page ("Hộ tịch" in Windows-1258): the library names the cell.
  const ansi = Buffer.concat([Buffer.from("id,received,time_limit,field\nA,2026-04-28T09:00,3wd,"), Buffer.from([0x48, 0xd4, 0xf2, 0x20, 0x74, 0xec, 0xf2, 0x63, 0x68, 0x0a])]);
  await page.setInputFiles("#wl-file", { name: "ansi.csv", mimeType: "text/csv", buffer: ansi });
  await page.waitForFunction(() => /^0 hồ sơ .*đã đọc 0 hồ sơ.*bỏ qua 1 dòng lỗi$/.test(document.querySelector("#wl-summary").textContent), null, { timeout: 5_000 });
  assert.equal(await page.inputValue("#wl-csv"), "");
  // Not CSV at all: the library's error.
  await page.fill("#wl-csv", "");
  await page.click("#wl-run");
  await page.waitForSelector("#wl-error:not([hidden])", { timeout: 5_000 });
  assert.match(await page.textContent("#wl-error"), /^csv_empty: /);
});

test("English toggle, and the screenshots", async () => {
  await page.fill("#amount", "3");
  await page.selectOption("#unit", "working_days");
  await page.fill("#received-date", "2026-02-13");
  await page.fill("#received-time", "18:30");
  await page.selectOption("#channel", "online");
  await page.click("#compute");
  await page.waitForFunction(() => document.querySelector("#due-date")?.dataset.iso === "2026-02-26", null, { timeout: 5_000 });
  await page.screenshot({ path: join(out, "demo-vi.png"), fullPage: true });

  await page.click("#lang");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.textContent("h2#calc-title"), /Appointment date calculator/);
  assert.match(await title(), /February 2026/);
  assert.match(await page.textContent("#named-days"), /Lunar New Year/);
  assert.match(await page.textContent("#due-date"), /Thursday/);
  // the English toggle shows the library's English text of the same steps
  assert.equal(
    await page.textContent('#explain li[data-kind="counted"]'),
    "Counting 3 working days from the day after 23 Feb (the day of receipt is not counted): 24 Feb, 25 Feb, " +
      "26 Feb → due on Thu 26 Feb 2026, at the end of that day (Civil Code 2015, Art. 147).",
  );
  await page.screenshot({ path: join(out, "demo-en.png"), fullPage: true });
  await page.click("#lang");
  assert.equal(await page.getAttribute("html", "lang"), "vi");
  assert.match(await page.textContent('#explain li[data-kind="counted"]'), /^Đếm 3 ngày làm việc/);
  assert.deepEqual(problems, []);
});

// Type-checked against the web build's .d.ts: `init` first, then the same API.
import init, { Calendar, initSync } from "motcua/web";

async function main(): Promise<void> {
  await init();
  const cal = Calendar.fromSpec('{"weekmask": "1111100", "from": "2026-01-01", "to": "2026-12-31"}');
  console.log(cal.addWorkingDays("2026-03-06", 1));
}
declare const bytes: Uint8Array<ArrayBuffer>;
initSync({ module: bytes });
void main;

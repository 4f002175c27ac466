// With a `lib` that has explicit resource management (esnext), `using` frees a calendar at
// the end of its block (tsconfig.esnext.json).
import { Calendar } from "motcua";

export function nextWorkingDay(d: string): string {
  using cal = Calendar.vietnam();
  return cal.nextWorkingDay(d);
}

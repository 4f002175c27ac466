// Dates for tests that run under any TZ (npm test runs the suite under UTC, Asia/Ho_Chi_Minh
// and America/Los_Angeles): the `Date` of a Vietnam wall-clock time, built from UTC so that it
// never depends on the runtime's zone.

/** The instant whose Vietnam wall-clock time (UTC+7) is y-m-d h:mi:s (`m` from 1). */
export function vnDate(y, m, d, h = 0, mi = 0, s = 0) {
  return new Date(Date.UTC(y, m - 1, d, h - 7, mi, s));
}

//! Column names: a header's names tidied ([`header_names`]), a logical column found among
//! them in any ASCII case or by its Vietnamese name ([`find_column`]), a name that looks like
//! a column not found (`resolved_at` for `resolved`), and a cell's error located at its line
//! and column ([`cell_error`]).

use std::collections::HashMap;

use super::Locator;
use crate::error::{Error, ErrorKind};

/// A column name's ASCII letters and digits, lower-cased (`Resolved At` → `resolvedat`).
pub(super) fn plain_name(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The column a Vietnamese header names, read by its words without marks (`Ngày có kết quả`:
/// `resolved`; `Ngày tiếp nhận`: `received`), for a note that suggests `--map`: a report of
/// an export whose headers are Vietnamese read no result column and counted every dossier
/// pending, without a word. Phrases in the order they are tried (`yêu cầu bổ sung` before
/// `bổ sung`, `thời hạn giải quyết` a limit before `giải quyết` a result); a name about an
/// appointment or a due date (`hẹn`, `hạn`: `Ngày hẹn trả`, `Hạn giải quyết`) is not a result.
#[cfg(not(target_family = "wasm"))]
pub(crate) fn vietnamese_column(name: &str) -> Option<&'static str> {
    // (Every column but the code, the limit and the channel holds an instant: its name also
    // says a day or a time — `Lý do từ chối`, `Cơ quan tiếp nhận` hold other things.)
    const PHRASES: [(&str, &str); 24] = [
        ("yeu cau bo sung", "supplement_requested"),
        ("bo sung", "supplement_received"),
        ("tu choi", "refused"),
        ("rut", "withdrawn"),
        ("hen lai", "new_due"),
        ("hen moi", "new_due"),
        ("gia han", "new_due"),
        ("ma thu tuc", "procedure"),
        ("ma tthc", "procedure"),
        ("thoi han", "time_limit"),
        ("kenh", "channel"),
        ("hinh thuc", "channel"),
        ("phuong thuc", "channel"),
        ("tiep nhan", "received"),
        ("nhan", "received"),
        ("nop", "received"),
        ("co ket qua", "resolved"),
        ("tra ket qua", "resolved"),
        ("co kq", "resolved"),
        ("tra kq", "resolved"),
        ("giai quyet", "resolved"),
        ("ket thuc", "resolved"),
        ("xong", "resolved"),
        ("hoan thanh", "resolved"),
    ];
    let words = format!(" {} ", crate::casefold::bare_words(name));
    let has = |p: &str| words.contains(&format!(" {p} "));
    let dated = ["ngay", "thoi gian", "thoi diem", "luc"]
        .iter()
        .any(|w| has(w));
    PHRASES
        .iter()
        .find(|(p, c)| {
            has(p)
                && (dated || matches!(*c, "procedure" | "time_limit" | "channel"))
                && !(*c == "resolved" && (has("hen") || has("han")))
        })
        .map(|&(_, c)| c)
}

/// Whether the plain name `n` looks like the plain column name `column`: a date column's name
/// with a word of time before or after it (`resolvedat`, `dateresolved`, `ngayresolved`; not
/// `resolvedby` or `refusedreason`, which hold other things), or within one edit of it (two for
/// names of eight letters or more: `resovled`, `chanel`; not `status` for `stages`).
pub(super) fn looks_like(n: &str, column: &str, dated: bool) -> bool {
    if n.is_empty() || n == column {
        return false;
    }
    if dated && dated_name(n, column) {
        return true;
    }
    if n.starts_with(column) || n.ends_with(column) {
        // The column's name and another word (`resolvedby`): the word says what it holds.
        return false;
    }
    // Levenshtein distance, one row at a time (names are short).
    let (a, b): (Vec<char>, Vec<char>) = (n.chars().collect(), column.chars().collect());
    let most = if b.len() >= 8 { 2 } else { 1 };
    if a.len().abs_diff(b.len()) > most || b.len() < 5 {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(r) = row.first_mut() {
            *r = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let del = row.get(j + 1).copied().unwrap_or(usize::MAX) + 1;
            let ins = row.get(j).copied().unwrap_or(usize::MAX) + 1;
            let sub = prev + usize::from(ca != cb);
            prev = row.get(j + 1).copied().unwrap_or(0);
            if let Some(r) = row.get_mut(j + 1) {
                *r = del.min(ins).min(sub);
            }
        }
    }
    row.last().is_some_and(|&d| d <= most)
}

/// Whether the plain name `n` is `word` with a word of time before or after it
/// (`resolvedat`, `dateresolved`, `ngayresolved`).
fn dated_name(n: &str, word: &str) -> bool {
    const TIME_WORDS: [&str; 9] = [
        "at", "on", "date", "time", "day", "dt", "ts", "ngay", "datetime",
    ];
    n.strip_prefix(word)
        .or_else(|| n.strip_suffix(word))
        .is_some_and(|rest| TIME_WORDS.contains(&rest))
}

/// The column an English export's date column names in other words, with a word of time
/// (`completed_at`, `resolution_date`, `result_date`, `finished_on`: `resolved`), for the
/// note that suggests `--map`. Not without the word of time: `result` alone may hold the
/// result's text. (Natively only, as [`vietnamese_column`]: the `.wasm` stays small.)
#[cfg(not(target_family = "wasm"))]
pub(super) fn other_words(n: &str) -> Option<&'static str> {
    const WORDS: [&str; 6] = [
        "completed",
        "completion",
        "resolution",
        "result",
        "finished",
        "closed",
    ];
    WORDS.iter().any(|w| dated_name(n, w)).then_some("resolved")
}

/// A header's column names as matched: trimmed, without a UTF-8 byte-order mark.
pub fn header_names<S: AsRef<str>>(header: &[S]) -> Vec<String> {
    header
        .iter()
        .map(|h| {
            // In NFC, as the names they are matched with (`--map`, `--by`): a header typed as
            // letters and combining marks (NFD) had no column `Lĩnh vực` that looked the same.
            crate::casefold::compose(h.as_ref().trim().trim_start_matches('\u{feff}')).into_owned()
        })
        .collect()
}

/// The index of the logical column `logical` among `names`, read from its `--map` source
/// column when `map` renames it (that name exactly). An unmapped name is matched exactly,
/// else regardless of ASCII case: the `Resolved` or `CHANNEL` of a spreadsheet's header is
/// the column it names, not a column to ignore (a header naming it twice in two cases is an
/// error of [`Layout::resolve`](super::Layout::resolve)).
pub fn find_column(
    names: &[String],
    map: &HashMap<String, String>,
    logical: &str,
) -> Option<usize> {
    // (Names in NFC, as `header_names` gives them.)
    match map.get(logical) {
        Some(source) => {
            let source = crate::casefold::compose(source);
            names.iter().position(|n| *n == *source)
        }
        None => {
            let logical = crate::casefold::compose(logical);
            names
                .iter()
                .position(|n| *n == *logical)
                .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(&logical)))
        }
    }
}

/// A cell's error, located: `line N, column `c`, value `v`: why`.
pub(crate) fn cell_error(at: Locator, column: &str, value: &str, e: &Error) -> Error {
    let line = at.line();
    let message = format!(
        "line {line}, column `{column}`, value `{value}`: {}",
        e.message(),
        value = crate::error::excerpt(value)
    );
    // (What the value most likely is, natively: WebAssembly's bytes are counted.)
    #[cfg(not(target_family = "wasm"))]
    let message = message + cell_hint(value, e);
    at.locate(
        Error::new(ErrorKind::CsvField, message)
            .in_field(column)
            .with_value(value),
    )
}

/// What a bad cell's value most likely is, for the clerk who fixes the file (natively): an
/// Excel date serial (`46083`: the column saved unformatted), a date written month first
/// (`3/13/2026`), a placeholder for no value (`-`, `NULL`). Empty when nothing is likely.
#[cfg(not(target_family = "wasm"))]
fn cell_hint(value: &str, e: &Error) -> &'static str {
    let v = value.trim();
    let lower = v.to_lowercase();
    if [
        "-",
        "--",
        "null",
        "none",
        "n/a",
        "na",
        "chưa có",
        "không có",
    ]
    .contains(&lower.as_str())
    {
        return " (a placeholder? leave the cell empty for no value)";
    }
    if e.kind() != ErrorKind::InvalidDate {
        return "";
    }
    let whole = v.split_once('.').map_or(v, |(w, _)| w);
    if whole.len() == 5 && whole.bytes().all(|b| b.is_ascii_digit()) {
        return " (an Excel date number? format the column as a date, dd/mm/yyyy, before \
                saving as CSV)";
    }
    let mut parts = v.split(' ').next().unwrap_or("").split('/');
    let (m, d) = (parts.next(), parts.next());
    let num = |p: Option<&str>| p.and_then(|p| p.parse::<u32>().ok());
    if let (Some(1..=12), Some(13..=31)) = (num(m), num(d)) {
        return " (dates are read day first, dd/mm/yyyy: is the column month first? save it \
                day first or as YYYY-MM-DD)";
    }
    ""
}

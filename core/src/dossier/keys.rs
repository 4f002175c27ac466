//! Keys of a dossier's JSON that read as a misspelling of a known one (`event`, `newDue`,
//! `recieved`): an error naming the key meant, never a value dropped without a word.

#[cfg(not(target_arch = "wasm32"))]
use serde_json::Value;

#[cfg(not(target_arch = "wasm32"))]
use super::Dossier;
#[cfg(not(target_arch = "wasm32"))]
use crate::error::{Error, ErrorKind};

/// The error of the first key of a dossier object (then of its events) that is not a known key
/// but reads as a misspelling of one ([`near_key`]), or that is a column of the report's
/// records ([`record_column`]).
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn misspelt_key(m: &serde_json::Map<String, Value>) -> Option<Error> {
    if let Some(e) = m.keys().find_map(|k| record_column(k)) {
        return Some(e);
    }
    let bad = |path: String, key: &str, meant: &str| {
        Error::new(
            ErrorKind::InvalidDossier,
            format!(
                "unknown key `{}` (did you mean `{meant}`?)",
                crate::error::excerpt(key)
            ),
        )
        .in_field(path)
    };
    for k in m.keys() {
        if let Some(meant) = near_key(k, &Dossier::KEYS) {
            return Some(bad(k.clone(), k, meant));
        }
    }
    if let Some(Value::Array(events)) = m.get("events") {
        for (i, e) in events.iter().enumerate() {
            let Value::Object(e) = e else { continue };
            for k in e.keys() {
                if let Some(meant) = near_key(k, &Dossier::EVENT_KEYS) {
                    return Some(bad(format!("events[{i}].{k}"), k, meant));
                }
            }
        }
    }
    None
}

/// The error of a dossier key that is a column of the records `motcua report` reads (an event
/// type such as `resolved`, or `new_due`; in any ASCII case, `_`, `-` and spaces ignored): a
/// record line given as a dossier. Ignored as another system's key, its result was lost and the
/// dossier answered as open (overdue, exit 0) while the report counted it resolved.
#[cfg(not(target_arch = "wasm32"))]
fn record_column(key: &str) -> Option<Error> {
    let k = fold_key(key);
    let what = if k == b"newdue" {
        "an apology's or an extension's `new_due`, in `events`".to_string()
    } else {
        let kind = super::EventKind::ALL
            .into_iter()
            .find(|e| fold_key(e.as_str()) == k)?;
        format!(
            "an event in `events`: {{\"type\":\"{}\",\"at\":\"...\"}}",
            kind.as_str()
        )
    };
    Some(
        Error::new(
            ErrorKind::InvalidDossier,
            format!(
                "key `{}` is a column of the report's records, not a dossier's key: give it as {what}",
                crate::error::excerpt(key)
            ),
        )
        .in_field(key.to_string()),
    )
}

/// What an unknown-key error says after the key: the key meant when `key` misspells one
/// ([`near_key`]), else the keys expected (`known`).
pub(crate) fn key_hint(key: &str, known: &[&'static str]) -> String {
    match near_key(key, known) {
        Some(meant) => format!("did you mean `{meant}`?"),
        None => format!("expected {}", known.join(", ")),
    }
}

/// The known key `key` misspells, if any: `key` is not one of `known`, but equals one when
/// ASCII case, `_`, `-` and spaces are ignored (`timeLimit`, `new-due`), or is one edit away (a
/// letter added, left out, changed, or two letters swapped: `event`, `chanel`, `recieved`)
/// from one of at least three letters. Another system's own keys (`status`, `agency`, `by`,
/// `note`) are two edits or more from every key, and are not taken for misspellings.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn near_key(key: &str, known: &[&'static str]) -> Option<&'static str> {
    if known.contains(&key) {
        return None;
    }
    let k = fold_key(key);
    known.iter().copied().find(|w| {
        let w = fold_key(w);
        k == w || (w.len() >= 3 && within_one_edit(&k, &w))
    })
}

/// [`near_key`] in WebAssembly, whose bytes are counted: no key is named (the error still
/// lists the keys expected).
#[cfg(target_arch = "wasm32")]
pub(crate) fn near_key(_: &str, _: &[&'static str]) -> Option<&'static str> {
    None
}

/// `key` as keys are compared: in ASCII lower case, without `_`, `-` and spaces (`newDue`,
/// `new-due` and `new_due` are one key).
#[cfg(not(target_arch = "wasm32"))]
fn fold_key(key: &str) -> Vec<u8> {
    key.bytes()
        .filter(|c| !matches!(c, b'_' | b'-' | b' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `a` and `b` differ by at most one insertion, deletion, substitution or swap of
/// two adjacent letters.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The first position where they differ.
    let at = (0..short.len())
        .find(|&i| short.get(i) != long.get(i))
        .unwrap_or(short.len());
    match long.len() - short.len() {
        // One letter changed (the rest equal), or two adjacent letters swapped.
        0 => {
            short.get(at + 1..) == long.get(at + 1..)
                || (short.get(at) == long.get(at + 1)
                    && short.get(at + 1) == long.get(at)
                    && short.get(at + 2..) == long.get(at + 2..))
        }
        // One letter added: the rest of the longer one, one letter on, is the rest of the
        // shorter.
        1 => short.get(at..) == long.get(at + 1..),
        _ => false,
    }
}

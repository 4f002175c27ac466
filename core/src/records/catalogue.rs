//! The procedure catalogue as every door loads it (`--catalogue FILE`, `Catalogue.from_file`,
//! a catalogue option in JS): a JSON array or CSV rows, told apart by content, never by a file
//! name.

use crate::error::{Error, ErrorKind, Result};
use crate::procedure::Catalogue;

/// Parses a catalogue from its text: a JSON array of procedure objects when the text (after
/// a UTF-8 byte-order mark and white space) starts with `[`, else CSV with a header row
/// (`code`, `name`, `field`, `level`, `time_limit`, `online`; errors name the CSV line).
/// A catalogue without any procedure (`[]`, a header alone, an empty text) or a JSON object
/// is [`ErrorKind::InvalidCatalogue`], once, at load.
///
/// ```
/// use motcua::records::load_catalogue;
/// let json = r#"[{"code":"1.1","name":"Khai sinh","field":"Hộ tịch","level":"commune","time_limit":"3wd","online":"full"}]"#;
/// let csv = "code,name,field,level,time_limit,online\n1.1,Khai sinh,Hộ tịch,commune,3wd,full\n";
/// assert_eq!(load_catalogue(json)?.procedures(), load_catalogue(csv)?.procedures());
/// assert_eq!(load_catalogue("code,level\n1.1,commune\n").unwrap_err().code(), "invalid_catalogue");
/// for empty in ["[]", "{}", "", "code,name\n"] {
///     assert_eq!(load_catalogue(empty).unwrap_err().code(), "invalid_catalogue");
/// }
/// # Ok::<(), motcua::Error>(())
/// ```
pub fn load_catalogue(text: &str) -> Result<Catalogue> {
    let text = text.trim_start_matches('\u{feff}');
    let start = text.trim_start();
    if start.starts_with('{') {
        return Err(Error::new(
            ErrorKind::InvalidCatalogue,
            "a JSON catalogue is an array of procedure objects (`[{\"code\": ...}]`), not an \
             object",
        ));
    }
    if start.starts_with('[') {
        return Catalogue::from_json(text);
    }
    load_csv(text)
}

/// A CSV catalogue (without motcua's `csv` feature: an error saying so).
#[cfg(not(feature = "csv"))]
fn load_csv(_text: &str) -> Result<Catalogue> {
    Err(super::text::csv_not_built())
}

#[cfg(feature = "csv")]
fn load_csv(text: &str) -> Result<Catalogue> {
    // The delimiter as the records' (a spreadsheet's `;` or tab, or its `sep=X` line).
    let (skip, delimiter) = super::text::csv_delimiter(text.as_bytes());
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes().get(skip..).unwrap_or_default());
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| {
            Error::new(
                ErrorKind::InvalidCatalogue,
                format!("malformed CSV header: {e}"),
            )
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(Error::new(
            ErrorKind::InvalidCatalogue,
            "the catalogue is empty (neither a JSON array nor a CSV header row)",
        ));
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec
            .map_err(|e| Error::new(ErrorKind::InvalidCatalogue, format!("malformed CSV: {e}")))?;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = rec.position().map_or(0, csv::Position::line);
        rows.push((line, rec));
    }
    // Every cell (an empty one is absent to the reader): a column named twice is refused
    // even where one copy is empty.
    Catalogue::from_records(
        rows.iter()
            .map(|(line, rec)| (*line, header.iter().map(String::as_str).zip(rec.iter()))),
    )
}

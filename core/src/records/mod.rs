//! The one road from records to dossiers, for every door: the CLI's CSV and JSON-lines
//! files, the JS package's CSV text and arrays of objects, the Python package's frames
//! (pandas, polars, pyarrow) handed over as typed columns.
//!
//! - **Sources.** [`TextSource`] reads CSV (header row, `,`/`;`/tab sniffed, or named by a `sep=` line) or JSON lines from
//!   any reader in blocks of whole records, in UTF-8 or UTF-16 (told by its byte-order mark;
//!   [`decode_text`] does the same for a whole file's bytes); a [`Table`] holds typed [`Column`]s — integer
//!   timestamps of any unit (naive = Vietnam's wall clock, offset-aware = converted to UTC+7),
//!   day numbers, UTF-8 strings as Arrow offset/byte buffers or string views, dictionary codes,
//!   numbers, flags, missing values as validity bitmaps, masks or sentinels. A binding hands
//!   over buffers, never a Python or JS object per value.
//! - **Columns.** [`Layout`] finds the logical columns ([`DOSSIER_COLUMNS`], the scorecard's
//!   [`SERVICE_COLUMNS`], the grouping columns) in a source's header, with `--map NAME=SOURCE`
//!   renaming, and builds each record's [`Record`] (dossier, grouping values, scorecard
//!   columns) from its [`Cell`]s.
//! - **Errors** are located as data: the line (text) or row index (table), the column, the
//!   value, the dossier's id ([`Error::line`], [`Error::index`], [`Error::field`],
//!   [`Error::value`], [`Error::id`]).
//! - **Runs.** [`run_text`] and [`run_tables`] cut the records into chunks, read and hand
//!   them to a [`Sink`] per chunk on several threads, append the sinks in record order and
//!   hand the bad records' errors over in record order: skip-bad accounting ([`Tally`]:
//!   counted, left out, bad) and a result identical to one thread. The report's
//!   [`PartialReport`](crate::report::PartialReport) is one sink; per-row answers, a worklist,
//!   or a table of transfers joined by dossier id plug in as other sinks or layouts over the
//!   same sources.
//! - **Catalogue.** [`load_catalogue`] reads a JSON or CSV catalogue, told apart by content.
//!
//! ```
//! use motcua::records::{Layout, ReadOptions, Record, TextFormat, TextSource};
//! let csv = "id,received,time_limit,resolved,field\nA,2026-03-02T09:30,3wd,04/03/2026 10:00,Hộ tịch\n";
//! let opts = ReadOptions { by: vec!["field".into()], ..ReadOptions::default() };
//! let mut src = TextSource::open(csv.as_bytes(), TextFormat::Csv, &opts)?;
//! let layout = Layout::resolve(src.names(), &opts)?;
//! let parser = src.parser();
//! let mut record = Record::new();
//! while let Some(block) = src.next_block()? {
//!     parser.parse(&block, |at, row| {
//!         layout.read(at, row.unwrap(), &mut record).unwrap();
//!         true
//!     });
//! }
//! assert_eq!(record.dossier.events.len(), 1);
//! assert_eq!(record.groups, ["Hộ tịch"]);
//! # Ok::<(), motcua::Error>(())
//! ```
//!
//! [`Error::line`]: crate::Error::line
//! [`Error::index`]: crate::Error::index
//! [`Error::field`]: crate::Error::field
//! [`Error::value`]: crate::Error::value
//! [`Error::id`]: crate::Error::id

mod catalogue;
mod cell;
#[cfg(not(target_family = "wasm"))]
mod direct;
mod encoding;
mod layout;
mod run;
pub mod service;
mod table;
// (In WebAssembly without the `csv` feature no text source can be read: CSV is not built and
// JSON lines are never read there; the reader is kept for its types.)
#[cfg_attr(
    all(target_arch = "wasm32", not(feature = "csv")),
    allow(dead_code, unused_variables, unused_mut, unreachable_code)
)]
mod text;
mod transfers;

pub use catalogue::load_catalogue;
pub use cell::{parse_channel, Cell, OwnedCell};
pub use encoding::{decode_text, TextReader};
#[cfg(feature = "gzip")]
pub use encoding::{gunzip, Input};
pub(crate) use layout::standing_apology_as_of;
pub use layout::{
    find_column, header_names, Layout, Locator, ReadOptions, Record, Row, DOSSIER_COLUMNS,
    SERVICE_COLUMNS,
};
#[cfg(not(target_family = "wasm"))]
pub use run::unread_rows;
pub use run::{
    check_catalogue, run_tables, run_text, OnBad, RunOptions, Sink, Tally, CHUNK_ROWS, MAX_THREADS,
};
pub use table::{Column, Ints, Offsets, Table, TableRow, Validity};
pub use text::{Block, TextFormat, TextParser, TextSource, BLOCK_SIZE, MAX_LINE};
pub use transfers::{Transfers, TRANSFER_COLUMNS};

//! [`Options`]: what a due date or a class is computed with — the calendar, the catalogue, the
//! rule switches, the as-of instant and the explanation — in one value that
//! [`Options::due`] and [`Options::classify`] read alike.

use chrono::NaiveDateTime;

use crate::calendar::WorkCalendar;
use crate::deadline::{due_with, Due, Lang, Rules};
use crate::dossier::Dossier;
use crate::error::{Error, ErrorKind, Result};
use crate::outcome::{classify_with, Classified};
use crate::procedure::Catalogue;

/// The calendar, catalogue, rules, as-of instant and explanation of a due-date or
/// classification request, set by name (a builder); [`due`](Options::due) and
/// [`classify`](Options::classify) take the same value.
///
/// It borrows the calendar and the catalogue and is `Copy`: a service builds one per request
/// from its shared calendar and catalogue at no cost.
///
/// - calendar: required ([`Options::new`]);
/// - catalogue: none by default (a dossier naming a `procedure` is then an
///   `unknown_procedure` error);
/// - rules: [`Rules::default()`], the law;
/// - as-of: none by default. [`due`](Options::due) then uses every event; with one, events
///   after it are ignored. [`classify`](Options::classify) needs one (the library never reads
///   the clock: "now" is the caller's);
/// - explanation: off; [`explain`](Options::explain) turns it on, in [`lang`](Options::lang)
///   (Vietnamese by default).
///
/// ```
/// use motcua::prelude::*;
/// let cal = motcua::vn::public_sector()?;
/// let d: Dossier = r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},
///   "events":[{"type":"resolved","at":"2026-03-06T08:00"}]}"#.parse()?;
/// let opts = Options::new(&cal).as_of(parse_instant("2026-03-31", DateOnly::EndOfDay)?);
/// assert_eq!(opts.due(&d)?.due.to_string(), "2026-03-05");
/// let c = opts.classify(&d)?;
/// assert_eq!((c.outcome, c.working_days_late), (Outcome::Late, 1));
/// // The same value, with an explanation in English and the hour-counting switch:
/// let mut rules = Rules::default();
/// rules.set("counting", "hours")?;
/// let c = opts.rules(rules).explain(true).lang(Lang::En).classify(&d)?;
/// assert!(c.due.explain.iter().any(|s| s.text.contains("working hours")));
/// # Ok::<(), motcua::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    calendar: &'a WorkCalendar,
    catalogue: Option<&'a Catalogue>,
    rules: Rules,
    as_of: Option<NaiveDateTime>,
    explain: bool,
    lang: Lang,
}

impl<'a> Options<'a> {
    /// The options on `calendar`, every other setting at its default (see [`Options`]).
    pub fn new(calendar: &'a WorkCalendar) -> Options<'a> {
        Options {
            calendar,
            catalogue: None,
            rules: Rules::default(),
            as_of: None,
            explain: false,
            lang: Lang::default(),
        }
    }

    /// Looks up `procedure` codes in `catalogue` (`None`: no catalogue).
    #[must_use]
    pub fn catalogue(mut self, catalogue: impl Into<Option<&'a Catalogue>>) -> Options<'a> {
        self.catalogue = catalogue.into();
        self
    }

    /// Counts with the rule switches `rules` (default: the law).
    #[must_use]
    pub fn rules(mut self, rules: Rules) -> Options<'a> {
        self.rules = rules;
        self
    }

    /// Computes as things stood at `as_of` (Vietnam wall clock; `None`: no as-of instant).
    /// Events after it are ignored; the whole dossier is still validated; an `as_of` before
    /// the receipt is an `invalid_argument` error.
    #[must_use]
    pub fn as_of(mut self, as_of: impl Into<Option<NaiveDateTime>>) -> Options<'a> {
        self.as_of = as_of.into();
        self
    }

    /// Adds an explanation to the answer (`explain` of [`Due`]), in the language set by
    /// [`lang`](Options::lang).
    #[must_use]
    pub fn explain(mut self, explain: bool) -> Options<'a> {
        self.explain = explain;
        self
    }

    /// An explanation in `lang` when `Some`, none when `None` ([`explain`](Options::explain)
    /// and [`lang`](Options::lang) in one, for callers that hold the choice as one value).
    #[must_use]
    pub fn explain_in(self, lang: Option<Lang>) -> Options<'a> {
        self.explain(lang.is_some()).lang(lang.unwrap_or(self.lang))
    }

    /// The language of the explanation and of the warnings' messages (default Vietnamese).
    #[must_use]
    pub fn lang(mut self, lang: Lang) -> Options<'a> {
        self.lang = lang;
        self
    }

    /// The due date of `dossier` (see [`deadline::due`](crate::deadline::due)), as of the as-of
    /// instant when one is set, with the explanation when asked for.
    pub fn due(&self, dossier: &Dossier) -> Result<Due> {
        due_with(
            dossier,
            self.calendar,
            &self.rules,
            self.catalogue,
            self.as_of,
            self.explain,
            self.lang,
        )
    }

    /// The class of `dossier` as of the as-of instant (see
    /// [`outcome::classify`](crate::outcome::classify)); without one, an `invalid_argument`
    /// error (an open dossier's class depends on "now", which the caller gives).
    pub fn classify(&self, dossier: &Dossier) -> Result<Classified> {
        let as_of = self.as_of.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidArgument,
                "classify needs an as-of instant (Options::as_of): the class of an open \
                 dossier depends on it",
            )
            .in_field("as_of")
        })?;
        classify_with(
            dossier,
            self.calendar,
            &self.rules,
            self.catalogue,
            as_of,
            self.explain,
            self.lang,
        )
    }
}

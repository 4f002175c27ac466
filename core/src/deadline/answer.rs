//! The answer of a due-date computation ([`Due`]) and the steps of its explanation
//! ([`ExplainStep`]), with their JSON form (the CLI's `due` line).

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::ser::SerializeMap;
use serde::Serialize;

use super::facts::{Fact, Outcome};
use super::law::LegalBasis;
use super::options::RuleSet;
use super::render::Lang;
use crate::dossier::Warning;

/// One step of an explanation: a typed fact of the count, the legal basis it rests on, and
/// its text in the language asked for.
///
/// Serialized as an object with the step's `kind`, its `date` (when the step is about a day),
/// the fact's own fields (counts such as `{"working_days": 3}`, dates, instants, classes),
/// `basis` (`{"document", "article" | "form", "status"}`, when a legal text rules the step)
/// and `text`:
/// `{"kind":"day_off","date":"2026-02-20","day_class":"compensatory","name":"Nghỉ bù Tết
/// Nguyên đán","text":"Thứ Sáu 20/02/2026: Nghỉ bù Tết Nguyên đán (ngày nghỉ bù), không phải
/// ngày làm việc."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainStep {
    /// What happened, typed.
    pub fact: Fact,
    /// The legal text that rules the step, if one does (options and calendars do not).
    pub basis: Option<LegalBasis>,
    /// The step in words, citing `basis`.
    pub text: String,
    /// The language of `text` and of the basis' document name.
    pub lang: Lang,
}

/// One stage of an inter-agency (*liên thông*) dossier as far as the file went: the agency,
/// when the stage received the file and its deemed receipt day, its own due date counted by the
/// same rules from that day (a supplement request pauses it as it pauses the dossier), when it
/// ended (the next transfer, or the result, refusal or withdrawal) and how it went
/// (Decree 61/2018/NĐ-CP, Art. 19(5)–(7) \[U\]).
///
/// Serialized as `{"agency","received","deemed_receipt","due","due_at","completed","outcome",
/// "working_days_late"}` (`completed`, `outcome` and `working_days_late` are `null` when not
/// known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageDue {
    /// The agency in charge of the stage.
    pub agency: String,
    /// When the stage received the file: the dossier's receipt for the first stage, the
    /// `transferred` event for the others.
    pub received: NaiveDateTime,
    /// The stage's deemed receipt day (day 0 of its count: after closing time or on a day off,
    /// the next working day).
    pub deemed_receipt: NaiveDate,
    /// The stage's due date.
    pub due: NaiveDate,
    /// The stage's due instant (the expiry of an hour count, else the closing time of `due`).
    pub due_at: NaiveDateTime,
    /// When the stage ended (the next transfer, or the dossier's result, refusal or
    /// withdrawal); `None` while the stage holds the file.
    pub completed: Option<NaiveDateTime>,
    /// `early`, `on_time` or `late` for a completed stage (its end against its due date, as a
    /// dossier's result is compared); `pending_within`, `overdue` or `awaiting_supplement` for
    /// the stage holding the file as of the as-of instant; `None` for the stage holding the
    /// file when no as-of instant was given (`due`).
    pub outcome: Option<Outcome>,
    /// Working days from the due date to the end (or as-of) day: negative = early; `None` when
    /// `outcome` is.
    pub working_days_late: Option<i64>,
}

impl StageDue {
    /// Whether the stage is late: completed after its own due date, or overdue while holding
    /// the file (whatever the dossier's class: a stage late inside a dossier resolved early
    /// is late).
    pub fn is_late(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Late | Outcome::Overdue))
    }
}

impl Serialize for StageDue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(8))?;
        m.serialize_entry("agency", &self.agency)?;
        m.serialize_entry("received", &InstantFmt(self.received))?;
        m.serialize_entry("deemed_receipt", &self.deemed_receipt)?;
        m.serialize_entry("due", &self.due)?;
        m.serialize_entry("due_at", &InstantFmt(self.due_at))?;
        m.serialize_entry("completed", &self.completed.map(InstantFmt))?;
        m.serialize_entry("outcome", &self.outcome)?;
        m.serialize_entry("working_days_late", &self.working_days_late)?;
        m.end()
    }
}

/// The due date of a dossier and how it was obtained.
///
/// Serialized (the CLI's `due` line) as
/// `{"due":"2026-06-25","due_at":"2026-06-25T17:00","rule_set":"nd118",
/// "deemed_receipt":"2026-06-08","warnings":[]}`, plus `"awaiting_supplement_since"` while a
/// supplement request is open, `"stages"` and `"late_agencies"` for an inter-agency dossier
/// (before `"warnings"`), and `"explain":[...]` when an explanation was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    /// The due date (the appointment).
    pub due: NaiveDate,
    /// The due instant: the expiry of an hour count (working-hour limits, `counting=hours`),
    /// else the closing time of the due date.
    pub due_at: NaiveDateTime,
    /// The rule set in force (chosen by the deemed receipt day).
    pub rule_set: RuleSet,
    /// The deemed receipt day `D` of the dossier (day 0 of the count).
    pub deemed_receipt: NaiveDate,
    /// While a supplement request is open: when it was made. The clock is stopped and `due` is
    /// the due date as it stood at that moment; it will move when the dossier is completed.
    pub awaiting_supplement_since: Option<NaiveDateTime>,
    /// The stages of an inter-agency dossier that the file reached, in order (empty for a
    /// dossier without stages). The dossier's own due date and outcome use the total limit.
    pub stages: Vec<StageDue>,
    /// The agencies whose stage was late or is overdue ([`StageDue::is_late`]), each once, in
    /// stage order: who was late with their part, whether or not the dossier was.
    pub late_agencies: Vec<String>,
    /// Odd but accepted things (see [`WarningCode`](crate::dossier::WarningCode)).
    pub warnings: Vec<Warning>,
    /// The explanation (empty unless asked for).
    pub explain: Vec<ExplainStep>,
}

/// Writes an instant as `YYYY-MM-DDTHH:MM` (`:SS` when not zero), without allocating.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InstantFmt(pub(crate) NaiveDateTime);

impl fmt::Display for InstantFmt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute()
        )?;
        if t.second() != 0 {
            write!(f, ":{:02}", t.second())?;
        }
        Ok(())
    }
}

impl Serialize for InstantFmt {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A time of day as `HH:MM` (`:SS` when not zero).
struct TimeFmt(NaiveTime);

impl Serialize for TimeFmt {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let t = self.0;
        if t.second() == 0 {
            s.collect_str(&format_args!("{:02}:{:02}", t.hour(), t.minute()))
        } else {
            s.collect_str(&format_args!(
                "{:02}:{:02}:{:02}",
                t.hour(),
                t.minute(),
                t.second()
            ))
        }
    }
}

impl Due {
    /// The stage holding the file of an inter-agency dossier: the stage reached last, while
    /// it is not completed (its agency, due date and, for an answer of `classify`, its
    /// `pending_within` / `overdue` / `awaiting_supplement` outcome as of the as-of instant);
    /// `None` for a dossier without stages or once it is closed. What a worklist shows as
    /// the agency holding an open dossier.
    pub fn holding(&self) -> Option<&StageDue> {
        self.stages.last().filter(|s| s.completed.is_none())
    }

    /// Writes the fields of a due answer into a JSON map; `extra` (the outcome fields) goes
    /// before `warnings`.
    pub(crate) fn write_fields<M: SerializeMap>(
        &self,
        m: &mut M,
        extra: impl FnOnce(&mut M) -> std::result::Result<(), M::Error>,
    ) -> std::result::Result<(), M::Error> {
        m.serialize_entry("due", &self.due)?;
        m.serialize_entry("due_at", &InstantFmt(self.due_at))?;
        m.serialize_entry("rule_set", &self.rule_set)?;
        m.serialize_entry("deemed_receipt", &self.deemed_receipt)?;
        if let Some(t) = self.awaiting_supplement_since {
            m.serialize_entry("awaiting_supplement_since", &InstantFmt(t))?;
        }
        extra(m)?;
        if !self.stages.is_empty() {
            m.serialize_entry("stages", &self.stages)?;
            m.serialize_entry("late_agencies", &self.late_agencies)?;
        }
        m.serialize_entry("warnings", &self.warnings)?;
        if !self.explain.is_empty() {
            m.serialize_entry("explain", &self.explain)?;
        }
        Ok(())
    }
}

impl Serialize for Due {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.write_fields(&mut m, |_| Ok(()))?;
        m.end()
    }
}

/// A basis in a language, as a JSON object.
struct BasisIn(LegalBasis, Lang);

impl Serialize for BasisIn {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_in(self.1, s)
    }
}

impl Serialize for ExplainStep {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", self.fact.kind().as_str())?;
        if let Some(d) = self.fact.date() {
            m.serialize_entry("date", &d)?;
        }
        write_fact_fields(&self.fact, &mut m)?;
        if let Some(b) = self.basis {
            m.serialize_entry("basis", &BasisIn(b, self.lang))?;
        }
        m.serialize_entry("text", &self.text)?;
        m.end()
    }
}

/// The fields of a fact, after its `kind` and `date`.
fn write_fact_fields<M: SerializeMap>(f: &Fact, m: &mut M) -> std::result::Result<(), M::Error> {
    let at = |t: &NaiveDateTime| InstantFmt(*t);
    match f {
        Fact::RuleSet {
            rule_set,
            deemed_receipt,
            rules,
        } => {
            m.serialize_entry("rule_set", rule_set.as_str())?;
            m.serialize_entry("deemed_receipt", deemed_receipt)?;
            m.serialize_entry("rules", rules)?;
        }
        Fact::Limit {
            limit,
            procedure,
            counted_as,
        } => {
            m.serialize_entry("time_limit", limit)?;
            if let Some((code, _)) = procedure {
                m.serialize_entry("procedure", code)?;
            }
            if let Some(a) = counted_as {
                m.serialize_entry("counted_as", a)?;
            }
        }
        Fact::Received {
            round,
            channel,
            at: t,
            date_only,
            reason,
            ..
        } => {
            m.serialize_entry("round", round.as_str())?;
            m.serialize_entry("channel", channel.as_str())?;
            if *date_only {
                m.serialize_entry("at", &t.date())?;
            } else {
                m.serialize_entry("at", &at(t))?;
            }
            m.serialize_entry("reason", reason.as_str())?;
        }
        Fact::DayOff { class, name, .. } => {
            m.serialize_entry("day_class", class.as_str())?;
            if let Some(n) = name {
                m.serialize_entry("name", n)?;
            }
        }
        Fact::MakeupDay { name, .. } => {
            if let Some(n) = name {
                m.serialize_entry("name", n)?;
            }
        }
        Fact::Counted {
            amount,
            from,
            from_at,
            days,
            last_day,
            due,
            due_at,
            ..
        } => {
            m.serialize_entry("amount", amount)?;
            m.serialize_entry("from", from)?;
            if let Some(t) = from_at {
                m.serialize_entry("from_at", &at(t))?;
            }
            if !days.is_empty() {
                m.serialize_entry("days", days)?;
            }
            if last_day != due {
                m.serialize_entry("last_day", last_day)?;
            }
            m.serialize_entry("due", due)?;
            m.serialize_entry("due_at", &at(due_at))?;
        }
        Fact::EndMoved { end, due } => {
            m.serialize_entry("end", end)?;
            m.serialize_entry("due", due)?;
        }
        Fact::AfterCutoff { at: t, cutoff, due } => {
            m.serialize_entry("at", &at(t))?;
            m.serialize_entry("cutoff", &TimeFmt(*cutoff))?;
            m.serialize_entry("due", due)?;
        }
        Fact::SupplementRequested {
            at: t,
            date_only,
            reading,
            since,
            since_at,
            used,
            left,
            due,
            after_due,
        } => {
            if *date_only {
                m.serialize_entry("at", &t.date())?;
            } else {
                m.serialize_entry("at", &at(t))?;
            }
            m.serialize_entry("reading", reading.as_str())?;
            m.serialize_entry("since", since)?;
            if let Some(s) = since_at {
                m.serialize_entry("since_at", &at(s))?;
            }
            m.serialize_entry("used", used)?;
            m.serialize_entry("left", left)?;
            m.serialize_entry("due", due)?;
            m.serialize_entry("after_due", after_due)?;
        }
        Fact::SupplementRequestedAgain { at: t } => m.serialize_entry("at", &at(t))?,
        Fact::ClockResumed {
            reading,
            from,
            from_at,
            left,
            appointment,
        } => {
            m.serialize_entry("reading", reading.as_str())?;
            m.serialize_entry("from", from)?;
            if let Some(t) = from_at {
                m.serialize_entry("from_at", &at(t))?;
            }
            m.serialize_entry("left", left)?;
            if let Some(d) = appointment {
                m.serialize_entry("appointment", d)?;
            }
        }
        Fact::NewAppointment {
            at: t,
            new_due,
            due,
            effect,
            ..
        } => {
            m.serialize_entry("at", &at(t))?;
            m.serialize_entry("new_due", new_due)?;
            m.serialize_entry("due", due)?;
            m.serialize_entry("effect", effect.as_str())?;
        }
        Fact::Closed {
            event,
            at: t,
            due,
            late,
        } => {
            m.serialize_entry("event", event.as_str())?;
            m.serialize_entry("at", &at(t))?;
            m.serialize_entry("due", due)?;
            m.serialize_entry("late", late)?;
        }
        Fact::AwaitingSupplement {
            since,
            reading,
            due,
            appointment,
        } => {
            m.serialize_entry("since", &at(since))?;
            m.serialize_entry("reading", reading.as_str())?;
            m.serialize_entry("due", due)?;
            if let Some(d) = appointment {
                m.serialize_entry("appointment", d)?;
            }
        }
        Fact::IgnoredAfterAsOf { as_of, events } => {
            m.serialize_entry("as_of", &at(as_of))?;
            m.serialize_entry("events", events)?;
        }
        Fact::Outcome {
            outcome,
            by_law,
            at: t,
            as_of,
            due,
            due_at,
            working_days_late,
            compare,
            requests,
            ..
        } => {
            m.serialize_entry("outcome", outcome.as_str())?;
            if by_law != outcome {
                m.serialize_entry("by_law", by_law.as_str())?;
            }
            if let Some(t) = t {
                m.serialize_entry("at", &at(t))?;
            }
            m.serialize_entry("as_of", &at(as_of))?;
            m.serialize_entry("due", due)?;
            m.serialize_entry("due_at", &at(due_at))?;
            m.serialize_entry("working_days_late", working_days_late)?;
            m.serialize_entry("compare", compare.as_str())?;
            m.serialize_entry("requests", requests)?;
        }
        Fact::StageReceived {
            stage,
            agency,
            limit,
            at: t,
            reason,
            ..
        } => {
            m.serialize_entry("stage", stage)?;
            m.serialize_entry("agency", agency)?;
            m.serialize_entry("time_limit", limit)?;
            m.serialize_entry("at", &at(t))?;
            m.serialize_entry("reason", reason.as_str())?;
        }
        Fact::StageEnded {
            stage,
            agency,
            due,
            due_at,
            completed,
            outcome,
            working_days_late,
        } => {
            m.serialize_entry("stage", stage)?;
            m.serialize_entry("agency", agency)?;
            m.serialize_entry("due", due)?;
            m.serialize_entry("due_at", &at(due_at))?;
            if let Some(t) = completed {
                m.serialize_entry("completed", &at(t))?;
            }
            if let Some(o) = outcome {
                m.serialize_entry("outcome", o.as_str())?;
            }
            if let Some(n) = working_days_late {
                m.serialize_entry("working_days_late", n)?;
            }
        }
    }
    Ok(())
}

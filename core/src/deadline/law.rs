//! The legal bases the rules rest on: each text by its official designation, the provision
//! (article or form) and the verification status of the citation, as explanations cite them
//! ("Điều 147 Bộ luật Dân sự 2015", "Civil Code 2015, Art. 147"). Status letters: **V**
//! verified against a public copy of the text, **S** seen in secondary sources only, **U** not
//! verified (recalled, not read: the article number is to be checked before relying on it).

use std::fmt::{self, Write as _};

use serde::ser::SerializeMap;
use serde::Serialize;

use super::render::Lang;

/// How far a citation was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Verified against a public copy of the text (`V`).
    Verified,
    /// Seen in secondary sources only (`S`).
    Secondary,
    /// Not verified: recalled, not read (`U`).
    Unverified,
}

impl Status {
    /// The letter: `"V"`, `"S"` or `"U"`.
    pub const fn letter(self) -> &'static str {
        match self {
            Status::Verified => "V",
            Status::Secondary => "S",
            Status::Unverified => "U",
        }
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.letter())
    }
}

/// A legal text the rules cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Document {
    /// *Bộ luật Dân sự* 2015 (Civil Code): how periods are counted, from 2017-01-01.
    CivilCode2015,
    /// *Bộ luật Dân sự* 2005 (Civil Code, Law 33/2005/QH11): how periods were counted,
    /// 2006-01-01 .. 2016-12-31 (Arts 149–153, the same rules as the 2015 code's 144–148).
    CivilCode2005,
    /// Decision 93/2007/QĐ-TTg: the one-stop regulation before May 2015.
    Decision93of2007,
    /// Decision 09/2015/QĐ-TTg: the one-stop regulation from May 2015 to 2018.
    Decision09of2015,
    /// Decree 61/2018/NĐ-CP: the one-stop mechanism, 2018-06-21 .. 2025-06-30.
    Decree61of2018,
    /// Decree 118/2025/NĐ-CP: the one-stop mechanism from 2025-07-01.
    Decree118of2025,
    /// Decision 45/2016/QĐ-TTg: receipt and return through the public postal service.
    Decision45of2016,
    /// Decree 45/2020/NĐ-CP: administrative procedures carried out electronically.
    Decree45of2020,
    /// Decree 23/2015/NĐ-CP: certification of copies (the same-day limit and its 15:00).
    Decree23of2015,
    /// Circular 01/2018/TT-VPCP: the forms of Decree 61/2018/NĐ-CP.
    Circular01of2018,
    /// Circular 03/2025/TT-VPCP: the forms of Decree 118/2025/NĐ-CP.
    Circular03of2025,
    /// *Bộ luật Lao động* 1994 (Labour Code; Art. 73 as amended by Law 84/2007/QH11): public
    /// holidays until 2013-04-30.
    LabourCode1994,
    /// *Bộ luật Lao động* 2012 (Law 10/2012/QH13): public holidays 2013-05-01 .. 2020-12-31.
    LabourCode2012,
    /// *Bộ luật Lao động* 2019 (Law 45/2019/QH14): public holidays from 2021.
    LabourCode2019,
    /// Resolution 28/2026/QH16 on developing Vietnamese culture: 24 November a holiday.
    Resolution28of2026,
}

impl Document {
    /// The text's designation in `lang`: "Bộ luật Dân sự 2015" / "Civil Code 2015",
    /// "Nghị định 61/2018/NĐ-CP" / "Decree 61/2018/NĐ-CP", ...
    pub const fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Document::CivilCode2015, Lang::Vi) => "Bộ luật Dân sự 2015",
            (Document::CivilCode2015, Lang::En) => "Civil Code 2015",
            (Document::CivilCode2005, Lang::Vi) => "Bộ luật Dân sự 2005",
            (Document::CivilCode2005, Lang::En) => "Civil Code 2005",
            (Document::Decision93of2007, Lang::Vi) => "Quyết định 93/2007/QĐ-TTg",
            (Document::Decision93of2007, Lang::En) => "Decision 93/2007/QĐ-TTg",
            (Document::Decision09of2015, Lang::Vi) => "Quyết định 09/2015/QĐ-TTg",
            (Document::Decision09of2015, Lang::En) => "Decision 09/2015/QĐ-TTg",
            (Document::Decree61of2018, Lang::Vi) => "Nghị định 61/2018/NĐ-CP",
            (Document::Decree61of2018, Lang::En) => "Decree 61/2018/NĐ-CP",
            (Document::Decree118of2025, Lang::Vi) => "Nghị định 118/2025/NĐ-CP",
            (Document::Decree118of2025, Lang::En) => "Decree 118/2025/NĐ-CP",
            (Document::Decision45of2016, Lang::Vi) => "Quyết định 45/2016/QĐ-TTg",
            (Document::Decision45of2016, Lang::En) => "Decision 45/2016/QĐ-TTg",
            (Document::Decree45of2020, Lang::Vi) => "Nghị định 45/2020/NĐ-CP",
            (Document::Decree45of2020, Lang::En) => "Decree 45/2020/NĐ-CP",
            (Document::Decree23of2015, Lang::Vi) => "Nghị định 23/2015/NĐ-CP",
            (Document::Decree23of2015, Lang::En) => "Decree 23/2015/NĐ-CP",
            (Document::Circular01of2018, Lang::Vi) => "Thông tư 01/2018/TT-VPCP",
            (Document::Circular01of2018, Lang::En) => "Circular 01/2018/TT-VPCP",
            (Document::Circular03of2025, Lang::Vi) => "Thông tư 03/2025/TT-VPCP",
            (Document::Circular03of2025, Lang::En) => "Circular 03/2025/TT-VPCP",
            (Document::LabourCode1994, Lang::Vi) => "Bộ luật Lao động 1994",
            (Document::LabourCode1994, Lang::En) => "Labour Code 1994",
            (Document::LabourCode2012, Lang::Vi) => "Bộ luật Lao động 2012",
            (Document::LabourCode2012, Lang::En) => "Labour Code 2012",
            (Document::LabourCode2019, Lang::Vi) => "Bộ luật Lao động 2019",
            (Document::LabourCode2019, Lang::En) => "Labour Code 2019",
            (Document::Resolution28of2026, Lang::Vi) => "Nghị quyết 28/2026/QH16",
            (Document::Resolution28of2026, Lang::En) => "Resolution 28/2026/QH16",
        }
    }
}

/// Where in a text a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provision {
    /// An article (*Điều*), with its clause if known: `"147"`, `"111(3)"`.
    Article(&'static str),
    /// A form (*Mẫu*) of a circular: `"04"`.
    Form(&'static str),
}

/// A citation: the text, the provision when known, and how far the citation was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LegalBasis {
    /// The text.
    pub document: Document,
    /// The article or form, when known.
    pub provision: Option<Provision>,
    /// How far the citation was checked.
    pub status: Status,
}

impl LegalBasis {
    /// The citation in `lang`: "Điều 147 Bộ luật Dân sự 2015", "Mẫu số 04 Thông tư
    /// 03/2025/TT-VPCP", "Nghị định 118/2025/NĐ-CP"; "Civil Code 2015, Art. 147", "Circular
    /// 03/2025/TT-VPCP, Form 04", "Decree 118/2025/NĐ-CP".
    pub fn cite(&self, lang: Lang) -> Citation {
        Citation(*self, lang)
    }

    /// Writes `{"document", "article" | "form", "status"}` in `lang` into a JSON map.
    pub(crate) fn serialize_in<S: serde::Serializer>(
        &self,
        lang: Lang,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("document", self.document.name(lang))?;
        match self.provision {
            Some(Provision::Article(a)) => m.serialize_entry("article", a)?,
            Some(Provision::Form(f)) => m.serialize_entry("form", f)?,
            None => {}
        }
        m.serialize_entry("status", &self.status)?;
        m.end()
    }
}

/// A [`LegalBasis`] written in a language (its `Display`).
#[derive(Debug, Clone, Copy)]
pub struct Citation(LegalBasis, Lang);

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (b, lang) = (self.0, self.1);
        let doc = b.document.name(lang);
        match (b.provision, lang) {
            (None, _) => f.write_str(doc),
            // Vietnamese cites the clause first: "khoản 1 Điều 112", "khoản 5–7 Điều 19" (the
            // English form writes "Art. 112(1)", "Art. 19(5)–(7)").
            (Some(Provision::Article(a)), Lang::Vi) => match a.split_once('(') {
                None => write!(f, "Điều {a} {doc}"),
                Some((art, clauses)) => {
                    f.write_str("khoản ")?;
                    for c in clauses.chars().filter(|&c| c != '(' && c != ')') {
                        f.write_char(c)?;
                    }
                    write!(f, " Điều {art} {doc}")
                }
            },
            (Some(Provision::Article(a)), Lang::En) => write!(f, "{doc}, Art. {a}"),
            (Some(Provision::Form(x)), Lang::Vi) => write!(f, "Mẫu số {x} {doc}"),
            (Some(Provision::Form(x)), Lang::En) => write!(f, "{doc}, Form {x}"),
        }
    }
}

const fn cite(document: Document, provision: Option<Provision>, status: Status) -> LegalBasis {
    LegalBasis {
        document,
        provision,
        status,
    }
}

/// Civil Code 2015, Art. 147: a period in days starts on the day after the day of the event
/// (the day of receipt is not counted); a period in hours starts at the stated instant. The
/// rule is known \[V as content\]; the article split is \[U\].
pub const CIVIL_CODE_147: LegalBasis = cite(
    Document::CivilCode2015,
    Some(Provision::Article("147")),
    Status::Unverified,
);
/// Civil Code 2015, Art. 148: a period ends at the end of its last day, and a period whose
/// last day is a weekly rest day or a holiday ends at the end of the next working day. \[V as
/// content; article split U\].
pub const CIVIL_CODE_148: LegalBasis = cite(
    Document::CivilCode2015,
    Some(Provision::Article("148")),
    Status::Unverified,
);
/// Civil Code 2005, Art. 152: the start of a period, as Civil Code 2015, Art. 147 (in force
/// 2006-01-01 .. 2016-12-31) \[U: the code's chapter VIII, Arts 149–153, read in a public
/// copy; the article split as the 2015 code's, shifted by five\].
pub const CIVIL_CODE_2005_152: LegalBasis = cite(
    Document::CivilCode2005,
    Some(Provision::Article("152")),
    Status::Unverified,
);
/// Civil Code 2005, Art. 153: the end of a period, as Civil Code 2015, Art. 148 \[U, as Art.
/// 152\].
pub const CIVIL_CODE_2005_153: LegalBasis = cite(
    Document::CivilCode2005,
    Some(Provision::Article("153")),
    Status::Unverified,
);
/// Decision 93/2007/QĐ-TTg, the one-stop regulation before May 2015 \[U\].
pub const DECISION_93_2007: LegalBasis = cite(Document::Decision93of2007, None, Status::Unverified);
/// Decision 09/2015/QĐ-TTg, the one-stop regulation before 2018 \[U\].
pub const DECISION_09_2015: LegalBasis = cite(Document::Decision09of2015, None, Status::Unverified);
/// Decree 61/2018/NĐ-CP: the text \[V: public copy of its header\].
pub const DECREE_61_2018: LegalBasis = cite(Document::Decree61of2018, None, Status::Verified);
/// Decree 61/2018/NĐ-CP, Art. 17: receipt of the dossier \[U\].
pub const DECREE_61_2018_ART_17: LegalBasis = cite(
    Document::Decree61of2018,
    Some(Provision::Article("17")),
    Status::Unverified,
);
/// Decree 61/2018/NĐ-CP, Art. 19: supplement requests (the time used counts), refusals within
/// the time limit \[U: recalled by two readers\].
pub const DECREE_61_2018_ART_19: LegalBasis = cite(
    Document::Decree61of2018,
    Some(Provision::Article("19")),
    Status::Unverified,
);
/// Decree 61/2018/NĐ-CP, Art. 19(5)–(7): inter-agency (*liên thông*) dossiers, each agency's
/// stage limit in the published inter-agency process \[U\].
pub const DECREE_61_2018_ART_19_STAGES: LegalBasis = cite(
    Document::Decree61of2018,
    Some(Provision::Article("19(5)–(7)")),
    Status::Unverified,
);
/// Decree 118/2025/NĐ-CP: the text \[S\].
pub const DECREE_118_2025: LegalBasis = cite(Document::Decree118of2025, None, Status::Secondary);
/// Decree 118/2025/NĐ-CP as the text of a rule whose article is not known (receipt,
/// supplement, refusal): \[U\].
pub const DECREE_118_2025_RULE: LegalBasis =
    cite(Document::Decree118of2025, None, Status::Unverified);
/// Decision 45/2016/QĐ-TTg, Art. 7: receipt through the public postal service \[U\].
pub const DECISION_45_2016_ART_7: LegalBasis = cite(
    Document::Decision45of2016,
    Some(Provision::Article("7")),
    Status::Unverified,
);
/// Decree 45/2020/NĐ-CP: receipt of online dossiers \[U\].
pub const DECREE_45_2020: LegalBasis = cite(Document::Decree45of2020, None, Status::Unverified);
/// Decree 23/2015/NĐ-CP, Art. 7: same-day results, the next working day after 15:00 \[S:
/// repeated verbatim in published procedure sheets; article U\].
pub const DECREE_23_2015_ART_7: LegalBasis = cite(
    Document::Decree23of2015,
    Some(Provision::Article("7")),
    Status::Unverified,
);
/// Circular 01/2018/TT-VPCP, Form 04: the apology with a new appointment \[U\].
pub const CIRCULAR_01_2018_FORM_04: LegalBasis = cite(
    Document::Circular01of2018,
    Some(Provision::Form("04")),
    Status::Unverified,
);
/// Circular 03/2025/TT-VPCP, Form 04: the apology and request to extend \[S\].
pub const CIRCULAR_03_2025_FORM_04: LegalBasis = cite(
    Document::Circular03of2025,
    Some(Provision::Form("04")),
    Status::Secondary,
);
/// Circular 03/2025/TT-VPCP, Form 05: the notice to stop processing \[S\].
pub const CIRCULAR_03_2025_FORM_05: LegalBasis = cite(
    Document::Circular03of2025,
    Some(Provision::Form("05")),
    Status::Secondary,
);

/// The statute that makes `date` a day off of `class`: a statutory holiday by the Labour Code
/// in force on it (1994 Art. 73 \[S; as amended by Law 84/2007/QH11 V\], 2012 Art. 115(1)
/// \[V\], 2019 Art. 112(1) \[V\]; 24 November from 2026 by Resolution 28/2026/QH16, Art. 2
/// \[S\]), a compensatory day by its compensation rule (1994 Art. 73 \[V\], 2012 Art. 115(3)
/// \[U\], 2019 Art. 111(3) \[V\]). Other days off (swapped by a decision of the year, a
/// province's closure, a day of a year not yet announced, the weekly rest) cite none.
pub(crate) fn day_off_basis(
    date: chrono::NaiveDate,
    class: crate::calendar::DayClass,
) -> Option<LegalBasis> {
    use crate::calendar::DayClass;
    use crate::vn::law::LabourLaw;
    use chrono::Datelike;
    use Document::{LabourCode1994, LabourCode2012, LabourCode2019};
    let law = LabourLaw::in_force_on(date)?;
    let a = |doc: Document, article: &'static str, status: Status| {
        Some(cite(doc, Some(Provision::Article(article)), status))
    };
    match (class, law) {
        (DayClass::Statutory, LabourLaw::Code2019Culture2026)
            if (date.month(), date.day()) == (11, 24) =>
        {
            a(Document::Resolution28of2026, "2", Status::Secondary)
        }
        (DayClass::Statutory, LabourLaw::Code1994) => a(LabourCode1994, "73", Status::Secondary),
        (DayClass::Statutory, LabourLaw::Code2012) => a(LabourCode2012, "115(1)", Status::Verified),
        (DayClass::Statutory, LabourLaw::Code2019 | LabourLaw::Code2019Culture2026) => {
            a(LabourCode2019, "112(1)", Status::Verified)
        }
        (DayClass::Statutory | DayClass::Compensatory, _) if law < LabourLaw::Code2012 => {
            a(LabourCode1994, "73", Status::Verified)
        }
        (DayClass::Compensatory, LabourLaw::Code2012) => {
            a(LabourCode2012, "115(3)", Status::Unverified)
        }
        (DayClass::Compensatory, _) => a(LabourCode2019, "111(3)", Status::Verified),
        _ => None,
    }
}

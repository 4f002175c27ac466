//! The warnings' words: what the pass noticed ([`Notice`]: its values, no words), written at
//! the door in the language asked for, as the explanation's facts are — a Vietnamese officer
//! reads Vietnamese warnings beside the Vietnamese explanation.

use chrono::{NaiveDate, NaiveDateTime};

use super::phrases::fill;
use super::{pick, At, Day, Lang};
use crate::deadline::law::LegalBasis;
use crate::deadline::RuleSetInfo;
use crate::dossier::{Warning, WarningCode};

/// Something odd but accepted that the pass noticed, with the values its message names.
#[derive(Debug, Clone)]
#[cfg_attr(test, derive(PartialEq, Eq))]
pub(crate) enum Notice {
    /// The rule set in force has texts that were not verified.
    RuleSetUnverified {
        /// The rule set.
        set: &'static RuleSetInfo,
        /// Its one-stop text in force on the deemed receipt day, if one is known (Decision
        /// 93/2007/QĐ-TTg before May 2015, none before August 2007: as the explanation cites).
        text: Option<LegalBasis>,
    },
    /// A district-level procedure after districts were abolished.
    DistrictLevelAbolished {
        /// The procedure's code.
        code: String,
        /// The deemed receipt day.
        deemed: NaiveDate,
    },
    /// A second supplement request by one agency.
    MultipleSupplementRequests,
    /// A supplement request after the due date.
    SupplementAfterDue {
        /// The request.
        at: NaiveDateTime,
        /// The due date it came after.
        due: NaiveDate,
    },
    /// An apology (`apology`) or an extension issued after the due date.
    NewAppointmentAfterDue {
        /// Whether it was an apology (else an extension).
        apology: bool,
        /// The day it was issued.
        issued: NaiveDate,
        /// The due date it came after.
        due: NaiveDate,
    },
    /// A refusal after the due date (or, compared by instant, after the due instant).
    RefusedLate {
        /// The refusal.
        at: NaiveDateTime,
        /// The due date it came after.
        due: NaiveDate,
        /// The due instant it came after, when compared by instant (`compare=instant`).
        due_at: Option<NaiveDateTime>,
        /// Where a refusal must come within the time limit, in force on the deemed receipt
        /// day (none known before August 2007).
        basis: Option<LegalBasis>,
    },
    /// A result while a supplement request was open.
    ResolvedWhileAwaitingSupplement {
        /// The result.
        at: NaiveDateTime,
    },
}

impl Notice {
    /// The warning's stable code.
    pub(crate) const fn code(&self) -> WarningCode {
        match self {
            Notice::RuleSetUnverified { .. } => WarningCode::RuleSetUnverified,
            Notice::DistrictLevelAbolished { .. } => WarningCode::DistrictLevelAbolished,
            Notice::MultipleSupplementRequests => WarningCode::MultipleSupplementRequests,
            Notice::SupplementAfterDue { .. } => WarningCode::SupplementAfterDue,
            Notice::NewAppointmentAfterDue { apology: true, .. } => WarningCode::ApologyAfterDue,
            Notice::NewAppointmentAfterDue { .. } => WarningCode::ExtensionAfterDue,
            Notice::RefusedLate { .. } => WarningCode::RefusedLate,
            Notice::ResolvedWhileAwaitingSupplement { .. } => {
                WarningCode::ResolvedWhileAwaitingSupplement
            }
        }
    }

    /// The warning in `lang`.
    pub(crate) fn word(&self, lang: Lang) -> Warning {
        Warning::new(self.code(), self.message(lang))
    }

    /// The message in `lang`.
    fn message(&self, lang: Lang) -> String {
        let t = |pair| pick(lang, pair);
        let (day, at) = (|d| Day(d, lang), |x| At(x, lang));
        // " (the text)", or nothing when none is known.
        match self {
            Notice::RuleSetUnverified { set, text } => fill(
                t((
                    "bộ quy định {set}{text}, trước ngày 21/06/2018: các văn bản của nó chưa \
                     được kiểm chứng",
                    "rule set {set}{text}, before 21 Jun 2018: its texts were not verified",
                )),
                &[("set", &set.id), ("text", &Cited(*text, lang))],
            ),
            Notice::DistrictLevelAbolished { code, deemed } => fill(
                t((
                    "thủ tục {code} thuộc cấp huyện, nhưng chính quyền cấp huyện đã kết thúc \
                     hoạt động từ ngày 01/07/2025 (ngày coi như nhận hồ sơ: {day})",
                    "procedure {code} is district-level, but district-level government ended on \
                     1 Jul 2025 (the dossier was deemed received on {day})",
                )),
                &[("code", code), ("day", &day(*deemed))],
            ),
            Notice::MultipleSupplementRequests => t((
                "một cơ quan yêu cầu bổ sung hồ sơ hơn một lần (theo ghi nhận, chưa kiểm chứng, \
                 Nghị định 107/2021/NĐ-CP chỉ cho phép một lần mỗi cơ quan; vẫn chấp nhận)",
                "more than one supplement request by one agency (Decree 107/2021/NĐ-CP is \
                 recalled, unverified, as allowing one per agency; accepted)",
            ))
            .to_string(),
            Notice::SupplementAfterDue { at: when, due } => fill(
                t((
                    "yêu cầu bổ sung lúc {at}, sau hạn giải quyết {due}: thời hạn giải quyết \
                     vẫn được tạm dừng như các yêu cầu bổ sung khác",
                    "supplement requested at {at}, after the due date {due}: the clock is \
                     stopped as for any request",
                )),
                &[("at", &at(*when)), ("due", &day(*due))],
            ),
            Notice::NewAppointmentAfterDue {
                apology,
                issued,
                due,
            } => fill(
                t((
                    "{what} ban hành vào {issued}, sau hạn giải quyết {due}: hạn giải quyết \
                     giữ nguyên",
                    "{what} issued on {issued}, after the due date {due}: the due date stays",
                )),
                &[
                    (
                        "what",
                        &t(match apology {
                            true => ("phiếu xin lỗi và hẹn lại ngày trả kết quả", "apology"),
                            false => ("văn bản gia hạn", "extension"),
                        }),
                    ),
                    ("issued", &day(*issued)),
                    ("due", &day(*due)),
                ],
            ),
            Notice::RefusedLate {
                at: when,
                due,
                due_at,
                basis,
            } => {
                let (after, instant, date) = (
                    t(match due_at {
                        Some(_) => ("thời điểm hết hạn", "the due instant"),
                        None => ("hạn giải quyết", "the due date"),
                    }),
                    due_at.map(at),
                    day(*due),
                );
                let due: &dyn std::fmt::Display = match &instant {
                    Some(x) => x,
                    None => &date,
                };
                fill(
                    t((
                        "từ chối giải quyết hồ sơ lúc {at}, sau {after} {due}: việc từ chối phải \
                         được thông báo trong thời hạn giải quyết{basis}",
                        "refused at {at}, after {after} {due}: a refusal must be issued within \
                         the time limit{basis}",
                    )),
                    &[
                        ("at", &at(*when)),
                        ("after", &after),
                        ("due", due),
                        ("basis", &Cited(*basis, lang)),
                    ],
                )
            }
            Notice::ResolvedWhileAwaitingSupplement { at: when } => fill(
                t((
                    "có kết quả lúc {at} khi đang chờ bổ sung: coi như đã nhận đủ hồ sơ",
                    "resolved at {at} while a supplement request was open: taken as also \
                     completing the dossier",
                )),
                &[("at", &at(*when))],
            ),
        }
    }
}

/// " (the text)" in `lang`, or nothing when no text is known.
struct Cited(Option<LegalBasis>, Lang);

impl std::fmt::Display for Cited {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(b) => write!(f, " ({})", b.cite(self.1)),
            None => Ok(()),
        }
    }
}

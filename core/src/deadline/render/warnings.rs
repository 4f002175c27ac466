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
    RuleSetUnverified(&'static RuleSetInfo),
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
    /// A refusal after the due date.
    RefusedLate {
        /// The refusal.
        at: NaiveDateTime,
        /// The due date it came after.
        due: NaiveDate,
        /// Where a refusal must come within the time limit.
        basis: LegalBasis,
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
            Notice::RuleSetUnverified(_) => WarningCode::RuleSetUnverified,
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
        match self {
            Notice::RuleSetUnverified(set) => fill(
                t((
                    "bộ quy định {set} ({text}), trước ngày 21/06/2018: văn bản chưa được \
                     kiểm chứng",
                    "rule set {set} ({text}), before 21 Jun 2018: its texts were not verified",
                )),
                &[("set", &set.id), ("text", &set.text.cite(lang))],
            ),
            Notice::DistrictLevelAbolished { code, deemed } => fill(
                t((
                    "thủ tục {code} thuộc cấp huyện, nhưng cấp huyện đã kết thúc hoạt động từ \
                     01/07/2025 (ngày coi như nhận hồ sơ: {day})",
                    "procedure {code} is district-level, but districts were abolished on \
                     1 Jul 2025 (the dossier was deemed received on {day})",
                )),
                &[("code", code), ("day", &day(*deemed))],
            ),
            Notice::MultipleSupplementRequests => t((
                "một cơ quan yêu cầu bổ sung hồ sơ nhiều lần (Nghị định 107/2021/NĐ-CP được \
                 hiểu là chỉ cho phép một lần mỗi cơ quan; vẫn chấp nhận)",
                "more than one supplement request by one agency (Decree 107/2021/NĐ-CP is \
                 recalled as allowing one per agency; accepted)",
            ))
            .to_string(),
            Notice::SupplementAfterDue { at: when, due } => fill(
                t((
                    "yêu cầu bổ sung lúc {at}, sau hạn giải quyết {due}: vẫn tạm dừng như \
                     mọi yêu cầu bổ sung",
                    "supplement requested at {at}, after the due date {due}: paused as any \
                     request",
                )),
                &[("at", &at(*when)), ("due", &day(*due))],
            ),
            Notice::NewAppointmentAfterDue {
                apology,
                issued,
                due,
            } => fill(
                t((
                    "{what} ban hành {issued}, sau hạn giải quyết {due}: hạn giải quyết giữ \
                     nguyên",
                    "{what} issued on {issued}, after the due date {due}: the due date stays",
                )),
                &[
                    (
                        "what",
                        &t(match apology {
                            true => ("văn bản xin lỗi, hẹn lại ngày trả kết quả", "apology"),
                            false => ("gia hạn", "extension"),
                        }),
                    ),
                    ("issued", &day(*issued)),
                    ("due", &day(*due)),
                ],
            ),
            Notice::RefusedLate {
                at: when,
                due,
                basis,
            } => fill(
                t((
                    "từ chối lúc {at}, sau hạn giải quyết {due}: việc từ chối phải được thông \
                     báo trong thời hạn giải quyết ({basis})",
                    "refused at {at}, after the due date {due}: a refusal must be issued \
                     within the time limit ({basis})",
                )),
                &[
                    ("at", &at(*when)),
                    ("due", &day(*due)),
                    ("basis", &basis.cite(lang)),
                ],
            ),
            Notice::ResolvedWhileAwaitingSupplement { at: when } => fill(
                t((
                    "có kết quả lúc {at} khi yêu cầu bổ sung còn mở: coi như hồ sơ cũng đã \
                     được bổ sung đủ",
                    "resolved at {at} while a supplement request was open: taken as also \
                     completing the dossier",
                )),
                &[("at", &at(*when))],
            ),
        }
    }
}

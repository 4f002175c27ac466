//! The sentences: one choice of message per fact, written once, and each message as a
//! (Vietnamese, English) pair of templates whose `{name}` placeholders take the fact's values,
//! already written in the language (dates with their weekday, amounts, classes).

use std::fmt::Display;

use super::{
    class_words, day_list, limit_words, outcome_words, pick, Amt, At, Day, Lang, Short, Time,
};
use crate::deadline::facts::{Amount, Effect, Fact, Outcome, Reason, Round};
use crate::deadline::options::{Compare, Rules, SupplementRule};
use crate::dossier::{Channel, EventKind};

/// Fills the `{name}` placeholders of `template` with `args`.
pub(super) fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let name = after.get(1..close).unwrap_or("");
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(&v.to_string()),
            None => out.push_str(after.get(..=close).unwrap_or("")),
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The options that differ from the law, as `KEY=VALUE`.
fn changed_options(rules: &Rules) -> String {
    let law = Rules::default().to_string();
    rules
        .to_string()
        .split(' ')
        .zip(law.split(' '))
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A calendar's name of a day in `lang`: the Vietnamese preset's names in English for an
/// English text (a compiled calendar keeps the Vietnamese name only); other names as given.
fn day_name(name: Option<&str>, lang: Lang) -> Option<std::borrow::Cow<'_, str>> {
    let n = name?;
    Some(match (lang, crate::vn::english_name(n)) {
        (Lang::En, Some(en)) => std::borrow::Cow::Owned(en),
        _ => std::borrow::Cow::Borrowed(n),
    })
}

/// "name (class)", or the name alone when it opens with its class already (the preset's
/// English names: "Swapped day off (National Day break)", not "... (swapped day off)").
fn named(name: &str, class: &str) -> String {
    match name.get(..class.len()) {
        Some(head) if head.eq_ignore_ascii_case(class) => name.to_string(),
        _ => format!("{name} ({class})"),
    }
}

/// The first letter in upper case: a Vietnamese weekday opening a sentence ("thứ Hai" →
/// "Thứ Hai"; "Chủ nhật" already is). ASCII only, on purpose: the weekdays begin with `t` or
/// `C`, and Unicode case tables would cost the WASM package kilobytes.
fn capitalized(mut s: String) -> String {
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// What follows the citation of a fact's sentence: the options that differ from the law,
/// after the rule set's citation.
pub(super) fn tail(fact: &Fact, lang: Lang) -> String {
    match fact {
        Fact::RuleSet { rules, .. } => {
            let changed = changed_options(rules);
            if changed.is_empty() {
                String::new()
            } else {
                fill(
                    pick(
                        lang,
                        (
                            "; tùy chọn khác với quy định: {options}",
                            "; options other than the law: {options}",
                        ),
                    ),
                    &[("options", &changed)],
                )
            }
        }
        _ => String::new(),
    }
}

/// Why a receipt instant gave its deemed receipt day `{day}` (`{closing}`: the closing time):
/// the words after the instant, for a dossier's receipt and a stage's alike.
const fn reason_words(reason: Reason) -> (&'static str, &'static str) {
    match reason {
        Reason::OnWorkingDay => (
            ", vào ngày làm việc, không muộn hơn {closing}: ngày nhận hồ sơ là {day}",
            ", on a working day and not after closing time ({closing}): the day of \
             receipt is {day}",
        ),
        Reason::BeforeOpening => (
            ", trước giờ làm việc: vẫn là hồ sơ của ngày {day}",
            ", before opening: still that day's dossier, {day}",
        ),
        Reason::AfterClosing => (
            ", sau giờ làm việc (sau {closing}): coi như nhận vào ngày làm việc tiếp theo, \
             {day}",
            ", after closing time ({closing}): deemed received on the next working day, \
             {day}",
        ),
        Reason::NonWorkingDay => (
            ", không phải ngày làm việc: coi như nhận vào ngày làm việc tiếp theo, {day}",
            ", not a working day: deemed received on the next working day, {day}",
        ),
        Reason::CalendarDay => (
            ": tính từ chính ngày nhận theo lịch, {day} (tùy chọn \
             deemed_receipt=calendar_day)",
            ": counted from the calendar date itself, {day} (option \
             deemed_receipt=calendar_day)",
        ),
        Reason::DateOnly => (
            ", là ngày làm việc: ngày nhận hồ sơ là {day}",
            ", a working day: the day of receipt is {day}",
        ),
    }
}

/// The sentence of `fact` in `lang`, without the citation and the final period.
pub(super) fn sentence(fact: &Fact, lang: Lang) -> String {
    let t = |pair| pick(lang, pair);
    let day = |d| Day(d, lang);
    let short = |d| Short(d, lang);
    let at = |x| At(x, lang);
    let amt = |a| Amt(a, lang);
    match fact {
        Fact::RuleSet {
            rule_set,
            deemed_receipt,
            ..
        } => fill(
            t((
                "Quy định áp dụng theo ngày coi như nhận hồ sơ {day}",
                "Rules in force by the deemed receipt day, {day}: rule set {set}",
            )),
            &[("day", &day(*deemed_receipt)), ("set", rule_set)],
        ),
        Fact::Limit {
            limit,
            procedure,
            counted_as,
        } => {
            let words = limit_words(*limit, lang);
            let mut s = match procedure {
                Some((code, name)) => {
                    let name = if name.is_empty() {
                        String::new()
                    } else {
                        format!(" ({name})")
                    };
                    fill(
                        t((
                            "Thời hạn giải quyết của thủ tục {code}{name}: {limit}",
                            "Time limit of procedure {code}{name}: {limit}",
                        )),
                        &[("code", code), ("name", &name), ("limit", &words)],
                    )
                }
                None => fill(
                    t(("Thời hạn giải quyết: {limit}", "Time limit: {limit}")),
                    &[("limit", &words)],
                ),
            };
            if let Some(a) = counted_as {
                s.push_str(&fill(
                    t((
                        ", tính thành {amount} (tùy chọn counting=hours: 1 ngày = 8 giờ làm việc, \
                         như OpenCPS)",
                        ", counted as {amount} (option counting=hours: 1 day = 8 working hours, \
                         as OpenCPS counts)",
                    )),
                    &[("amount", &amt(*a))],
                ));
            }
            s
        }
        Fact::Received {
            round,
            channel,
            at: when,
            date_only,
            date,
            reason,
            closing,
        } => {
            let who = t(match (round, channel) {
                (Round::First, Channel::Direct) => {
                    ("Hồ sơ nộp trực tiếp được tiếp nhận", "Received at the desk")
                }
                (Round::First, Channel::Online) => {
                    ("Hồ sơ nộp trực tuyến được tiếp nhận", "Received online")
                }
                (Round::First, Channel::Postal) => {
                    ("Hồ sơ gửi qua bưu chính được tiếp nhận", "Received by post")
                }
                (Round::Supplement, _) => (
                    "Hồ sơ đã bổ sung đầy đủ được tiếp nhận",
                    "The completed dossier was received",
                ),
                (Round::ResultWhileAwaiting, _) => (
                    "Có kết quả khi đang chờ bổ sung, coi như đã nhận đủ hồ sơ",
                    "The result came while the supplement was awaited; the dossier is taken as \
                     complete",
                ),
            });
            // A date alone has no time of day to show (it is 00:00 only as a value).
            let when = if *date_only {
                fill(
                    t(("ngày {day} (không ghi giờ)", "on {day} (no time given)")),
                    &[("day", &day(when.date()))],
                )
            } else {
                fill(t(("lúc {at}", "at {at}")), &[("at", &at(*when))])
            };
            let why = t(reason_words(*reason));
            fill(
                &format!("{who} {{when}}{why}"),
                &[
                    ("when", &when),
                    ("closing", &Time(*closing)),
                    ("day", &day(*date)),
                ],
            )
        }
        Fact::DayOff { date, class, name } => {
            let class = class_words(*class, lang);
            let what = match day_name(name.as_deref(), lang) {
                Some(n) => named(&n, class),
                None => class.to_string(),
            };
            capitalized(fill(
                t((
                    "{day}: {what}, không phải ngày làm việc",
                    "{day}: {what}, not a working day",
                )),
                &[("day", &day(*date)), ("what", &what)],
            ))
        }
        Fact::MakeupDay { date, name } => {
            let class = class_words(crate::calendar::DayClass::MakeupWorkingDay, lang);
            let what = match day_name(name.as_deref(), lang) {
                Some(n) => named(&n, class),
                None => class.to_string(),
            };
            capitalized(fill(
                t(("{day}: {what}, là ngày làm việc", "{day}: {what}, a working day")),
                &[("day", &day(*date)), ("what", &what)],
            ))
        }
        Fact::Counted {
            amount,
            from,
            from_at,
            from_opening,
            days,
            last_day,
            due,
            due_at,
        } => {
            let template = t(match amount {
                Amount::WorkingDays(0) | Amount::CalendarDays(0) => (
                    "Không còn ngày nào của thời hạn: hạn giải quyết là {due}",
                    "No day of the limit is left: due on {due}",
                ),
                Amount::WorkingDays(_) => (
                    "Đếm {amount} từ ngày tiếp theo ngày {from} (không tính ngày coi như nhận hồ sơ): ngày \
                     {days} → hạn giải quyết là {due}, hết hạn vào cuối ngày",
                    "Counting {amount} from the day after {from} (the day of receipt is not \
                     counted): {days} → due on {due}, at the end of that day",
                ),
                Amount::CalendarDays(_) if last_day == due => (
                    "Đếm {amount} (kể cả ngày nghỉ) từ ngày tiếp theo ngày {from}: hạn giải \
                     quyết là {due}, hết hạn vào cuối ngày",
                    "Counting {amount} (rest days included) from the day after {from}: due on \
                     {due}, at the end of that day",
                ),
                Amount::CalendarDays(_) => (
                    "Đếm {amount} (kể cả ngày nghỉ) từ ngày tiếp theo ngày {from}: ngày cuối \
                     cùng của thời hạn là {last}",
                    "Counting {amount} (rest days included) from the day after {from}: the \
                     period's last day is {last}",
                ),
                Amount::WorkingSeconds(_) if *from_opening => (
                    "Đếm {amount} kể từ {start} (giờ làm việc đầu tiên sau khi nhận) → hết hạn lúc \
                     {expiry}; hạn giải quyết là ngày {short_due}",
                    "Counting {amount} from {start}, the first office hour after receipt: the \
                     limit expires at {expiry}, so the due date is {short_due}",
                ),
                Amount::WorkingSeconds(_) => (
                    "Đếm {amount} kể từ {start} → hết hạn lúc {expiry}; hạn giải quyết là ngày \
                     {short_due}",
                    "Counting {amount} from {start}: the limit expires at {expiry}, so the due \
                     date is {short_due}",
                ),
                Amount::SameDay => (
                    "Thời hạn trong ngày: hạn giải quyết là {due}",
                    "Same-day limit: due on {due}",
                ),
            });
            fill(
                template,
                &[
                    ("amount", &amt(*amount)),
                    ("from", &short(*from)),
                    ("days", &day_list(days, lang)),
                    ("due", &day(*due)),
                    ("short_due", &short(*due)),
                    ("last", &day(*last_day)),
                    ("start", &at(from_at.unwrap_or(*due_at))),
                    ("expiry", &at(*due_at)),
                ],
            )
        }
        Fact::EndMoved { end, due } => fill(
            t((
                "Ngày cuối cùng của thời hạn, {end}, là ngày nghỉ: thời hạn kết thúc vào cuối \
                 ngày làm việc tiếp theo, {due}",
                "The period's last day, {end}, is not a working day: the period ends at the end \
                 of the next working day, {due}",
            )),
            &[("end", &day(*end)), ("due", &day(*due))],
        ),
        Fact::AfterCutoff {
            at: when,
            cutoff,
            due,
        } => fill(
            t((
                "Hồ sơ nhận lúc {time}, sau {cutoff}: trả kết quả trong ngày làm việc tiếp theo, \
                 {due}",
                "Received at {time}, after {cutoff}: the result is due on the next working day, \
                 {due}",
            )),
            &[
                ("time", &Time(when.time())),
                ("cutoff", &Time(*cutoff)),
                ("due", &day(*due)),
            ],
        ),
        Fact::SupplementRequested {
            at: when,
            date_only,
            reading,
            since,
            since_at,
            used,
            left,
            due,
            after_due,
        } => {
            let late = if *after_due {
                t((" (sau hạn giải quyết)", " (after the due date)"))
            } else {
                ""
            };
            let rest = t(match (reading, used) {
                (SupplementRule::Pause, Amount::SameDay) => (
                    ": tạm dừng tính thời hạn; thời hạn trong ngày sẽ tính lại khi nhận đủ hồ sơ",
                    ": the clock stops; the same-day limit starts afresh on the complete dossier",
                ),
                (SupplementRule::Pause, _) => (
                    ": tạm dừng tính thời hạn; đã dùng {used} kể từ {since}, còn lại {left}; hạn giải \
                     quyết lúc đó là {due}",
                    ": the clock stops; {used} used since {since}, {left} left; the due date \
                     stood at {due}",
                ),
                (SupplementRule::Restart, _) => (
                    ": tạm dừng tính thời hạn; khi nhận đủ hồ sơ, thời hạn được tính lại từ đầu (tùy \
                     chọn supplement=restart); hạn giải quyết lúc đó là {due}",
                    ": the clock stops; the limit starts afresh on the complete dossier (option \
                     supplement=restart); the due date stood at {due}",
                ),
            });
            let start = match since_at {
                Some(x) => at(*x).to_string(),
                None => format!("{}{}", t(("ngày ", "")), short(*since)),
            };
            fill(
                &format!(
                    "{}{late}{rest}",
                    if *date_only {
                        // No time of day to show: the time used says where the clock stopped
                        // (the day's closing time, or the complete dossier's arrival that day).
                        t((
                            "Ngày {day} yêu cầu bổ sung, hoàn thiện hồ sơ (không ghi giờ)",
                            "On {day} a supplement was requested (no time given)",
                        ))
                    } else {
                        t((
                            "Lúc {at} yêu cầu bổ sung, hoàn thiện hồ sơ",
                            "At {at} a supplement was requested",
                        ))
                    }
                ),
                &[
                    ("at", &at(*when)),
                    ("day", &day(when.date())),
                    ("used", &amt(*used)),
                    ("since", &start),
                    ("left", &amt(*left)),
                    ("due", &day(*due)),
                ],
            )
        }
        Fact::SupplementRequestedAgain { at: when } => fill(
            t((
                "Lúc {at} lại yêu cầu bổ sung khi yêu cầu trước chưa được đáp ứng: thời hạn vẫn \
                 đang tạm dừng",
                "At {at} another supplement was requested while the first was still open: the \
                 clock stays stopped",
            )),
            &[("at", &at(*when))],
        ),
        Fact::ClockResumed {
            reading,
            from,
            from_at,
            left,
            appointment,
        } => fill(
            t(match (reading, left, from_at) {
                _ if appointment.is_some() => (
                    "Thời hạn tiếp tục từ ngày {day}: còn {left}, là thời gian từ lúc hẹn lại đến \
                     ngày hẹn mới {appointment}; thời gian chờ bổ sung hồ sơ không tính",
                    "The clock runs again from {day}: {left} left, the time from when the new \
                     appointment, {appointment}, was given up to it; the wait for the supplement \
                     does not count",
                ),
                (_, Amount::SameDay, _) => (
                    "Thời hạn trong ngày tính lại từ ngày {day}",
                    "The same-day limit starts afresh on {day}",
                ),
                (SupplementRule::Pause, _, Some(_)) => (
                    "Thời hạn tiếp tục: {left} còn lại tính từ {start}",
                    "The clock runs again: {left} left, counted from {start}",
                ),
                (SupplementRule::Restart, _, Some(_)) => (
                    "Thời hạn tính lại từ đầu: {left} kể từ {start} (tùy chọn supplement=restart)",
                    "The limit starts afresh: {left} from {start} (option supplement=restart)",
                ),
                (SupplementRule::Pause, _, None) => (
                    "Thời hạn tiếp tục: {left} còn lại tính từ ngày tiếp theo ngày {from}",
                    "The clock runs again: {left} left, counted from the day after {from}",
                ),
                (SupplementRule::Restart, _, None) => (
                    "Thời hạn tính lại từ đầu: {left} từ ngày tiếp theo ngày {from} (tùy chọn \
                     supplement=restart)",
                    "The limit starts afresh: {left} from the day after {from} (option \
                     supplement=restart)",
                ),
            }),
            &[
                ("day", &day(*from)),
                ("from", &short(*from)),
                ("start", &at(from_at.unwrap_or_default())),
                ("left", &amt(*left)),
                ("appointment", &day(appointment.unwrap_or(*from))),
            ],
        ),
        Fact::NewAppointment {
            event,
            at: when,
            new_due,
            due,
            effect,
        } => {
            let what = t(if *event == EventKind::Apology {
                (
                    "Ngày {on} có phiếu xin lỗi và hẹn lại ngày trả kết quả {new}",
                    "On {on} an apology set a new appointment, {new}",
                )
            } else {
                (
                    "Ngày {on} gia hạn giải quyết đến {new}",
                    "On {on} the processing time was extended to {new}",
                )
            });
            let then = t(match effect {
                Effect::Moved => (
                    ": hạn giải quyết chuyển từ {from} sang {to}",
                    ": the due date moves from {from} to {to}",
                ),
                Effect::AfterDue => (
                    ", sau hạn giải quyết {due}: hạn không thay đổi",
                    ", after the due date {due}: the due date stays",
                ),
                Effect::CountsLate => (
                    ": hạn vẫn là {due} (tùy chọn apology=counts_late: hồ sơ phải xin lỗi và trả \
                     sau hạn ban đầu được tính là quá hạn)",
                    ": the due date stays {due} (option apology=counts_late: a dossier that \
                     needed an apology and is resolved after the original date is late)",
                ),
                Effect::OnDueDate => (
                    ", đúng ngày hết hạn: hạn vẫn là {due} (tùy chọn \
                     apology=moves_due_day_before: phiếu xin lỗi phải có trước hạn ít nhất 1 ngày)",
                    ", on the due date itself: the due date stays {due} (option \
                     apology=moves_due_day_before: an apology must come at least a day before)",
                ),
            });
            fill(
                &format!("{what}{then}"),
                &[
                    ("on", &short(when.date())),
                    ("new", &day(*new_due)),
                    ("from", &short(*due)),
                    ("to", &short(*new_due)),
                    ("due", &day(*due)),
                ],
            )
        }
        Fact::Closed {
            event,
            at: when,
            due,
            late,
        } => {
            let what = t(if *event == EventKind::Refused {
                (
                    "Lúc {at} từ chối giải quyết hồ sơ: thời hạn kết thúc",
                    "At {at} the dossier was refused: the clock ends",
                )
            } else {
                (
                    "Lúc {at} hồ sơ được rút hoặc dừng giải quyết: thời hạn kết thúc",
                    "At {at} the dossier was withdrawn or its processing stopped: the clock ends",
                )
            });
            let then = if *late {
                t((
                    "; việc từ chối sau hạn giải quyết {due} (phải thông báo trong thời hạn)",
                    "; the refusal came after the due date {due}, though it must be issued \
                     within the time limit",
                ))
            } else {
                ""
            };
            fill(
                &format!("{what}{then}"),
                &[("at", &at(*when)), ("due", &day(*due))],
            )
        }
        Fact::AwaitingSupplement { since, due, .. } => fill(
            t((
                "Đang chờ bổ sung hồ sơ (yêu cầu lúc {since}): thời hạn đang tạm dừng; hạn giải quyết \
                 (tạm tính {due}) sẽ được xác định lại khi nhận đủ hồ sơ",
                "Awaiting the supplement requested at {since}: the clock is stopped; the due date, \
                 {due} for now, moves when the dossier is completed",
            )),
            &[("since", &at(*since)), ("due", &day(*due))],
        ),
        Fact::IgnoredAfterAsOf { as_of, events } => fill(
            t((
                "{n} sự kiện sau thời điểm xét ({as_of}) chưa được tính",
                if *events == 1 {
                    "{n} event after the as-of instant ({as_of}) not taken into account"
                } else {
                    "{n} events after the as-of instant ({as_of}) not taken into account"
                },
            )),
            &[("n", events), ("as_of", &at(*as_of))],
        ),
        Fact::Outcome { .. } => outcome(fact, lang),
        Fact::StageReceived {
            stage,
            agency,
            limit,
            at: when,
            date,
            reason,
            closing,
        } => {
            let who = t(if *stage == 1 {
                (
                    "Giai đoạn 1 ({agency}) nhận hồ sơ lúc {at}",
                    "Stage 1 ({agency}) received the dossier at {at}",
                )
            } else {
                (
                    "Giai đoạn {stage} ({agency}) nhận hồ sơ được chuyển đến lúc {at}",
                    "Stage {stage} ({agency}) received the transferred file at {at}",
                )
            });
            let limit_words = limit_words(*limit, lang);
            fill(
                &format!(
                    "{who}{}{}",
                    t(reason_words(*reason)),
                    t((
                        "; thời hạn của giai đoạn: {limit}, tính theo cùng quy tắc",
                        "; the stage's limit, {limit}, is counted by the same rules"
                    ))
                ),
                &[
                    ("stage", stage),
                    ("agency", agency),
                    ("at", &at(*when)),
                    ("closing", &Time(*closing)),
                    ("day", &day(*date)),
                    ("limit", &limit_words),
                ],
            )
        }
        Fact::StageEnded {
            stage,
            agency,
            due,
            due_at: _,
            completed,
            outcome,
            working_days_late,
        } => {
            let n = working_days_late.unwrap_or(0);
            let then = t(match (completed, outcome) {
                (Some(_), Some(Outcome::Late)) => (
                    "; giai đoạn kết thúc lúc {at}, sau hạn: {word} {by}; cơ quan này giải \
                     quyết quá hạn",
                    ": the stage ended at {at}, after it: {word}, {by} after the due date; this \
                     agency processed its stage late",
                ),
                (Some(_), Some(_)) => (
                    "; giai đoạn kết thúc lúc {at}: {word}",
                    ": the stage ended at {at}: {word}",
                ),
                (None, Some(Outcome::Overdue)) => (
                    "; cơ quan này vẫn giữ hồ sơ: {word} {by}",
                    ": the agency still holds the file: {word}, {by} after the due date",
                ),
                (None, Some(_)) => (
                    "; cơ quan này đang giữ hồ sơ: {word}",
                    ": the agency holds the file: {word}",
                ),
                (_, None) => (
                    "; cơ quan này đang giữ hồ sơ",
                    ": the agency holds the file",
                ),
            });
            let word = outcome.map_or("", |o| outcome_words(o, lang));
            fill(
                &format!(
                    "{}{then}",
                    t((
                        "Giai đoạn {stage} ({agency}) có hạn là {due}",
                        "Stage {stage} ({agency}): the stage is due on {due}"
                    ))
                ),
                &[
                    ("stage", stage),
                    ("agency", agency),
                    ("due", &day(*due)),
                    ("at", &at(completed.unwrap_or_default())),
                    ("word", &word),
                    ("by", &amt(Amount::WorkingDays(n.abs()))),
                ],
            )
        }
    }
}

/// The sentence of an outcome.
fn outcome(fact: &Fact, lang: Lang) -> String {
    let Fact::Outcome {
        outcome,
        by_law,
        at,
        as_of,
        date,
        due,
        due_at,
        working_days_late: n,
        compare,
        requests,
    } = fact
    else {
        return String::new();
    };
    let pair = match (outcome, compare) {
        _ if outcome != by_law => (
            "{requests} lần yêu cầu bổ sung: tính là {word} (tùy chọn multi_supplement=late; \
             nếu không có tùy chọn này: {law})",
            "{requests} supplement requests: counted as {word} (option multi_supplement=late; \
             without it: {law})",
        ),
        (Outcome::Late, Compare::Instant) => (
            "Có kết quả lúc {at}, sau thời điểm hết hạn {expiry}: {word} (tùy chọn \
             compare=instant)",
            "Resolved at {at}, after the expiry at {expiry}: {word} (option compare=instant)",
        ),
        (Outcome::Early | Outcome::OnTime, Compare::Instant) => (
            "Có kết quả lúc {at}, không sau thời điểm hết hạn {expiry}: {word} (tùy chọn \
             compare=instant)",
            "Resolved at {at}, not after the expiry at {expiry}: {word} (option \
             compare=instant)",
        ),
        (Outcome::Early, _) if *n == 0 => (
            "Có kết quả ngày {day}, hạn giải quyết {due}: {word}",
            "Resolved on {day}, due {due}: {word}",
        ),
        (Outcome::Early, _) => (
            "Có kết quả ngày {day}, hạn giải quyết {due}: {word} {by}",
            "Resolved on {day}, due {due}: {word}, {by} before the due date",
        ),
        (Outcome::OnTime, _) => (
            "Có kết quả ngày {day}, đúng ngày hạn giải quyết (so sánh theo ngày): {word}",
            "Resolved on {day}, the due date itself (compared by date): {word}",
        ),
        (Outcome::Late, _) if *n > 0 => (
            "Có kết quả ngày {day}, sau hạn giải quyết {due}: {word} {by}",
            "Resolved on {day}, after the due date {due}: {word}, {by} after it",
        ),
        (Outcome::Late, _) => (
            "Có kết quả ngày {day}, sau hạn giải quyết {due}: {word}",
            "Resolved on {day}, after the due date {due}: {word}",
        ),
        (Outcome::PendingWithin, _) | (Outcome::Overdue, _) if *n <= 0 => (
            "Đến {as_of} chưa có kết quả, hạn giải quyết {due}: {word}",
            "No result as of {as_of}, due {due}: {word}",
        ),
        (Outcome::PendingWithin | Outcome::Overdue, _) => (
            "Đến {as_of} chưa có kết quả, hạn giải quyết {due}: {word} {by}",
            "No result as of {as_of}, due {due}: {word}, {by} after the due date",
        ),
        (Outcome::AwaitingSupplement, _) => (
            "Đến {as_of}, đang chờ tổ chức, cá nhân bổ sung hồ sơ: không xếp loại trong hạn hay \
             quá hạn",
            "As of {as_of}, the citizen's supplement is awaited: neither within the deadline \
             nor overdue",
        ),
        (Outcome::Refused, _) => (
            "Hồ sơ bị từ chối ngày {day}: thống kê riêng, không xếp loại trước hạn, đúng hạn hay \
             quá hạn",
            "Refused on {day}: counted apart, not as early, on time or late",
        ),
        (Outcome::Withdrawn, _) => (
            "Hồ sơ được rút hoặc dừng giải quyết ngày {day}: thống kê riêng",
            "Withdrawn (or processing stopped) on {day}: counted apart",
        ),
    };
    fill(
        pick(lang, pair),
        &[
            ("requests", requests),
            ("word", &outcome_words(*outcome, lang)),
            ("law", &outcome_words(*by_law, lang)),
            ("at", &At(at.unwrap_or(*as_of), lang)),
            ("expiry", &At(*due_at, lang)),
            ("day", &Day(*date, lang)),
            ("due", &Day(*due, lang)),
            ("as_of", &At(*as_of, lang)),
            ("by", &Amt(Amount::WorkingDays(n.abs()), lang)),
        ],
    )
}

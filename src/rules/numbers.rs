//! `numbers/…`: numbers written as German (and most of continental Europe) writes them.
//!
//! German marks decimals with a comma and thousands with a full stop (`2,5 Prozent`,
//! `500.000 Soldaten`); machine translation often carries the digits over unchanged
//! (`2,5 percent`, `500.000 soldiers`). Only forms that English cannot read otherwise are
//! repaired: a comma before one or two digits and a unit of size, and full stops before groups
//! of three digits counting people or things that come whole.

use super::text::word_after;
use super::{Context, Example, Rule, RuleMeta};
use crate::fixes::{Applicability, Finding};

static DECIMAL_COMMA: RuleMeta = RuleMeta {
    id: "numbers/decimal-comma",
    summary: "a decimal comma (`2,5 percent`)",
    explanation: "Finds a number with a comma before one or two digits and then a percentage or \
        a scale word (`2,5 percent`, `1,4 billion`, `3,75 %`): a German decimal comma, which \
        English writes as a point (`2.5 percent`).",
    safety: "Safe: an English thousands comma always has three digits after it, so `2,5 \
        billion` has no English reading; lists (`1,2 and 3`) have no unit after them.",
    examples: &[
        Example {
            before: "inflation rose to 2,5 percent",
            after: "inflation rose to 2.5 percent",
        },
        Example {
            before: "1,250 billion and items 1,2 and 3",
            after: "1,250 billion and items 1,2 and 3",
        },
    ],
    priority: 40,
};

static THOUSANDS_POINT: RuleMeta = RuleMeta {
    id: "numbers/thousands-point",
    summary: "full stops between thousands (`500.000 soldiers`)",
    explanation: "Finds a number whose groups of three digits are set apart by full stops before \
        a word counting people or whole things (`500.000 soldiers`, `1.200 people`): German \
        thousands separators, which English writes as commas (`500,000 soldiers`).",
    safety: "Safe only before such words, which no decimal can count (there is no 1.2 of a \
        soldier); prices, rates and tonnages (`7.125 pct`, `9.223 tonnes`) are left alone.",
    examples: &[
        Example {
            before: "around 500.000 soldiers and 1.200 civilians",
            after: "around 500,000 soldiers and 1,200 civilians",
        },
        Example {
            before: "a yield of 7.125 pct on 9.223 tonnes",
            after: "a yield of 7.125 pct on 9.223 tonnes",
        },
    ],
    priority: 40,
};

static ORDINAL_DATE: RuleMeta = RuleMeta {
    id: "numbers/ordinal-date",
    summary: "a German ordinal date (`on 24. February`)",
    explanation: "Finds a day of the month written with German's ordinal full stop before the \
        name of the month (`on 24. February`, `since 1. March`) inside a sentence, and drops the \
        stop (`on 24 February`).",
    safety: "Safe inside a sentence: English never writes a full stop after a day; a numbered \
        list item at the start of a line (`1. January: …`) is left alone.",
    examples: &[
        Example {
            before: "The agreement was signed on 24. February in Brussels.",
            after: "The agreement was signed on 24 February in Brussels.",
        },
        Example {
            before: "1. January: talks. It rose 3. March was cold.",
            after: "1. January: talks. It rose 3. March was cold.",
        },
    ],
    priority: 40,
};

/// The months, for [`ORDINAL_DATE`].
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words a date follows inside a sentence (`on 24. February`). Sorted.
/// (Not `by`, `to` or `and`, which end amounts too: `rose by 3. March exports …`.)
const DATE_LEADS: &[&str] = &[
    "after", "before", "between", "from", "on", "since", "the", "till", "until",
];

/// The days of the week, folded: `Monday, 3. November` is a date.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words after which a number is a size: `2,5 percent`, `1,4 billion`.
const SCALE_WORDS: &[&str] = &[
    "%", "bn", "billion", "mln", "million", "percent", "pct", "per", "trillion",
];

/// Words counting people or whole things, which no decimal counts: `500.000 soldiers`.
const WHOLE_COUNTS: &[&str] = &[
    "children",
    "civilians",
    "deaths",
    "drones",
    "employees",
    "families",
    "households",
    "inhabitants",
    "jobs",
    "members",
    "migrants",
    "missiles",
    "people",
    "personnel",
    "refugees",
    "residents",
    "soldiers",
    "students",
    "troops",
    "visitors",
    "voters",
    "workers",
];

/// The number-format checks.
pub struct Numbers;

impl Rule for Numbers {
    fn metas(&self) -> &'static [&'static RuleMeta] {
        static METAS: [&RuleMeta; 3] = [&DECIMAL_COMMA, &THOUSANDS_POINT, &ORDINAL_DATE];
        &METAS
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let text = cx.doc.text();
        let bytes = text.as_bytes();
        // Every check starts at a comma or full stop right after a digit: those are found a
        // block at a time (commas first, then full stops, as the findings have always come).
        let comma = crate::scan::BytePattern::CommaAfterDigit;
        crate::scan::for_each_byte_where(bytes, comma, |comma| {
            if let Some(finding) = decimal_comma(text, comma) {
                out.push(finding);
            }
        });
        let point = crate::scan::BytePattern::PointAfterDigit;
        crate::scan::for_each_byte_where(bytes, point, |point| {
            if let Some(finding) = thousands_points(text, point) {
                out.push(finding);
            } else if let Some(finding) = ordinal_date(text, point) {
                out.push(finding);
            }
        });
    }
}

/// The word after the number ending at `end`, lower-cased, and whether one space parts them
/// (`%` may also follow directly).
fn unit_after(text: &str, end: usize) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.get(end) == Some(&b'%') {
        return Some("%".to_owned());
    }
    if bytes.get(end) != Some(&b' ') {
        return None;
    }
    if bytes.get(end + 1) == Some(&b'%') {
        return Some("%".to_owned());
    }
    let word = word_after(text, end + 1);
    (!word.is_empty()).then(|| text[word].to_ascii_lowercase())
}

/// How many ASCII digits end `bytes[..at]`.
fn digits_before(bytes: &[u8], at: usize) -> usize {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// `2,5 percent` at the comma at `comma`.
fn decimal_comma(text: &str, comma: usize) -> Option<Finding> {
    let bytes = text.as_bytes();
    if comma == 0 || !bytes[comma - 1].is_ascii_digit() {
        return None;
    }
    let digits = bytes[comma + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let end = comma + 1 + digits;
    // One or two digits, then the end of the number (not `1,2,3` or `1,2.5`).
    let next = bytes.get(end).copied();
    let continues = next.is_some_and(|b| b.is_ascii_alphanumeric())
        || next.is_some_and(|b| matches!(b, b',' | b'.' | b'-'))
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
    if !(1..=2).contains(&digits) || continues {
        return None;
    }
    let unit = unit_after(text, end)?;
    if !SCALE_WORDS.contains(&unit.as_str()) {
        return None;
    }
    // (`per` only as `per cent`.)
    if unit == "per" && !text[end..].starts_with(" per cent") {
        return None;
    }
    let lead = digits_before(bytes, comma);
    let start = comma - lead;
    // After a comma only a thousands group of three may come (`3,801,7`), not a list (`1,2,3`).
    if start > 0 && matches!(bytes[start - 1], b',' | b'.') && lead != 3 {
        return None;
    }
    let number = &text[start..end];
    let replacement = number.replace(',', ".");
    Some(
        Finding::fix(
            &DECIMAL_COMMA,
            comma..comma + 1,
            ".",
            Applicability::Safe,
            0.9,
        )
        .message(format!("decimal comma: `{replacement}`"))
        .reason(format!(
            "`{number} {unit}`: English marks decimals with a point and sets a thousands \
                 comma before three digits"
        )),
    )
}

/// `500.000 soldiers` at the first full stop at `point` of such a number.
fn thousands_points(text: &str, point: usize) -> Option<Finding> {
    let bytes = text.as_bytes();
    // The first point of the number: one to three digits before it, standing alone.
    let lead = digits_before(bytes, point);
    let start = point - lead;
    if !(1..=3).contains(&lead)
        || start
            .checked_sub(1)
            .is_some_and(|i| bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b','))
    {
        return None;
    }
    // Groups of exactly three digits, each after a point.
    let mut end = point;
    while bytes.get(end) == Some(&b'.')
        && bytes
            .get(end + 1..end + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
    {
        end += 4;
    }
    if end == point
        || bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b',')
    {
        return None;
    }
    let unit = unit_after(text, end)?;
    if WHOLE_COUNTS.binary_search(&unit.as_str()).is_err() {
        return None;
    }
    let number = &text[start..end];
    let replacement = number.replace('.', ",");
    Some(
        Finding::fix(
            &THOUSANDS_POINT,
            start..end,
            &replacement,
            Applicability::Safe,
            0.85,
        )
        .message(format!(
            "thousands separated by full stops: `{replacement}`"
        ))
        .reason(format!(
            "`{number} {unit}`: {unit} come whole, so the points separate thousands, which \
             English does with commas"
        )),
    )
}

/// `on 24. February` at the full stop at `point`.
fn ordinal_date(text: &str, point: usize) -> Option<Finding> {
    let bytes = text.as_bytes();
    if bytes.get(point + 1) != Some(&b' ') {
        return None;
    }
    let lead = digits_before(bytes, point);
    let start = point - lead;
    if !(1..=2).contains(&lead) || start < 2 || bytes[start - 1] != b' ' {
        return None;
    }
    let day: u32 = text[start..point].parse().ok()?;
    let month = &text[word_after(text, point + 2)];
    if !(1..=31).contains(&day) || !MONTHS.contains(&month) {
        return None;
    }
    // Inside a sentence: after a word that leads a date (`on`, `since`, `the`), or a day of
    // the week and its comma (`on Monday, 3. November`).
    let weekday_comma = start >= 2 && bytes[start - 2] == b',';
    let before = super::text::word_before(text, start - 1 - usize::from(weekday_comma));
    let lead_word = text[before].to_ascii_lowercase();
    let leads = if weekday_comma {
        WEEKDAYS.contains(&lead_word.as_str())
    } else {
        DATE_LEADS.binary_search(&lead_word.as_str()).is_ok()
    };
    if !leads {
        return None;
    }
    Some(
        Finding::fix(
            &ORDINAL_DATE,
            point..point + 1,
            "",
            Applicability::Safe,
            0.9,
        )
        .message(format!("German ordinal date: `{day} {month}`"))
        .reason("English writes no full stop after the day of a date"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::assert_cases;

    #[test]
    fn lists_are_sorted() {
        assert!(WHOLE_COUNTS.windows(2).all(|w| w[0] < w[1]));
        assert!(DATE_LEADS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn german_ordinal_dates() {
        assert_cases(
            &Numbers,
            &[
                (
                    "signed on 24. February and valid since 1. March.",
                    "signed on 24 February and valid since 1 March.",
                ),
                (
                    "On Monday, 3. November, the talks began.",
                    "On Monday, 3 November, the talks began.",
                ),
                // negatives: a list item, a sentence ending in a number, a day out of range
                ("1. January: talks", "1. January: talks"),
                (
                    "It rose by 3. March was cold.",
                    "It rose by 3. March was cold.",
                ),
                (
                    "Its share was 3. May it grow",
                    "Its share was 3. May it grow",
                ),
                ("on 32. March", "on 32. March"),
                (
                    "the losses, 3. March was cold",
                    "the losses, 3. March was cold",
                ),
            ],
        );
    }

    #[test]
    fn decimal_commas() {
        assert_cases(
            &Numbers,
            &[
                ("rose to 2,5 percent", "rose to 2.5 percent"),
                ("a 3,75 % rise", "a 3.75 % rise"),
                ("fell 0,8% in May", "fell 0.8% in May"),
                (
                    "to resettle 1,4 mln families",
                    "to resettle 1.4 mln families",
                ),
                ("vs 3,801,7 billion", "vs 3,801.7 billion"),
                ("grew 1,5 per cent", "grew 1.5 per cent"),
                // negatives
                ("1,250 billion dollars", "1,250 billion dollars"),
                ("items 1,2 and 3", "items 1,2 and 3"),
                ("1,2,3 percent", "1,2,3 percent"),
                ("2,5 per share", "2,5 per share"),
            ],
        );
    }

    #[test]
    fn thousands_points() {
        assert_cases(
            &Numbers,
            &[
                (
                    "around 500.000 soldiers and 1.200 people",
                    "around 500,000 soldiers and 1,200 people",
                ),
                ("some 1.250.000 refugees", "some 1,250,000 refugees"),
                // negatives
                ("a yield of 7.125 pct", "a yield of 7.125 pct"),
                ("9.223 tonnes of wheat", "9.223 tonnes of wheat"),
                ("1.5 people per household", "1.5 people per household"),
                ("version 2.1.200 people", "version 2.1.200 people"),
                ("1.2000 troops", "1.2000 troops"),
            ],
        );
    }
}

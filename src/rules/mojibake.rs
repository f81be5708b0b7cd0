//! Mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 (`Itâ€™s` for `It’s`).
//!
//! This is an adaptation of ftfy ("fixes text for you", by Robyn Speer / Elia Robyn Lake,
//! Apache-2.0; <https://github.com/rspeer/python-ftfy>): its method and its badness
//! heuristic, ported to Rust from ftfy 6.3.1 and narrowed to the two encodings that garble
//! English news, Latin-1 and "sloppy" Windows-1252 (whose five undefined bytes 0x81 0x8D
//! 0x8F 0x90 0x9D pass through as in Latin-1). Changes from ftfy: the other single-byte
//! encodings and their patterns are left out; repairs are reported as spans; a repair is kept
//! only if it is not weirder than the text it replaces; and a few case-aware patterns are
//! added (see `weird_at`). ftfy's test cases run in `tests/ftfy_cases.rs`.
//!
//! Each line is handled on its own, in passes repeated until nothing changes (so double and
//! triple mojibake unwind one layer per pass):
//!
//! 1. A line is looked at only if it is *weird*: `badness` finds a character sequence
//!    that real text almost never has (`Ã©`, `â€`, `Â` before punctuation, a C1 control, …).
//! 2. If every character of the line is encodable in Latin-1 (or else sloppy Windows-1252),
//!    the line is encoded back to bytes and decoded as UTF-8 (CESU-8 surrogate pairs
//!    allowed). Before decoding, a space that stands where a UTF-8 sequence needs byte 0xA0
//!    is put back (`voilÃ le` → `voilà le`), and with Windows-1252, sequences that lost a byte
//!    to `�` or `?` decode to one `�`. The result is kept unless it is weirder.
//! 3. Otherwise runs that look like UTF-8 read as single bytes (a lead character such as `Ã`
//!    or `â` followed by the right number of continuation characters) are fixed on their
//!    own, each only if it is weird by itself; a run right after another continuation
//!    character is left alone so a hopeless garble is not half-decoded.
//! 4. C1 control characters left over are read as the Windows-1252 characters they stand for
//!    (`\u{92}` → `’`).
//!
//! Clean text is rejected before any of this by a byte scan: mojibake needs a lead character
//! U+00C2–U+00F3 (UTF-8 `C3 xx`) followed by a continuation-like character, a space or `?`,
//! or a C1 control (`C2 80`–`C2 9F`); only lines with one of those are examined.

use std::ops::Range;

use memchr::{memchr, memchr2, memrchr};

/// A repair of one span of mojibake.
#[derive(Debug, Clone, PartialEq)]
pub struct MojibakeFix {
    /// Byte range of the damaged text.
    pub span: Range<usize>,
    /// The repaired text.
    pub replacement: String,
    /// How sure the repair is, 0–1.
    pub confidence: f32,
}

/// Finds spans of mojibake in `text` and their repairs, in order, non-overlapping.
///
/// Spans are byte ranges of `text`; applying every replacement gives [`fix_mojibake`]'s
/// result. Clean text costs one `memchr`-driven byte scan.
pub fn find_mojibake(text: &str) -> Vec<MojibakeFix> {
    let bytes = text.as_bytes();
    let mut fixes = Vec::new();
    let mut pos = 0;
    while let Some(hit) = next_suspect(text, pos) {
        let line_start = memrchr(b'\n', &bytes[..hit]).map_or(0, |i| i + 1);
        let line_end = memchr(b'\n', &bytes[hit..]).map_or(bytes.len(), |i| hit + i);
        let first_of_line = fixes.len();
        fix_line(&text[line_start..line_end], line_start, &mut fixes);
        lost_apostrophes(text, line_start..line_end, first_of_line, &mut fixes);
        pos = line_end;
    }
    fixes
}

/// `text` with every repair from [`find_mojibake`] applied.
pub fn fix_mojibake(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut position = 0;
    for fix in find_mojibake(text) {
        out.push_str(&text[position..fix.span.start]);
        out.push_str(&fix.replacement);
        position = fix.span.end;
    }
    out.push_str(&text[position..]);
    out
}

// ---------------------------------------------------------------------------------------------
// Prefilter

/// Byte offset of the next place at or after `from` that could start mojibake: a C1 control,
/// or a UTF-8 lead character (as Latin-1) followed by a continuation-like character.
fn next_suspect(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = from;
    while let Some(offset) = memchr2(0xC2, 0xC3, &bytes[pos..]) {
        let i = pos + offset;
        pos = i + 1;
        let &second = bytes.get(i + 1)?;
        if bytes[i] == 0xC2 {
            if (0x80..=0x9F).contains(&second) {
                return Some(i);
            }
            continue;
        }
        // U+00C0–U+00FF; a lead byte of UTF-8 when seen as Latin-1.
        let lead = 0xC0 + u32::from(second & 0x3F);
        if utf8_length(lead) == 0 {
            continue;
        }
        let mut rest = text[i + 2..].chars();
        let Some(next) = rest.next() else { continue };
        if is_continuation_like(next) {
            return Some(i);
        }
        if next == ' ' || next == '?' {
            let two_byte_a0 = matches!(lead, 0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9);
            if two_byte_a0 || (lead >= 0xE0 && rest.next().is_some_and(is_continuation_like)) {
                return Some(i);
            }
        }
    }
    None
}

/// Length of the UTF-8 sequence that byte `lead` starts, for the leads mojibake detection
/// uses (0 for anything else).
fn utf8_length(lead: u32) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0 | 0xF3 => 4,
        _ => 0,
    }
}

/// A character that is a UTF-8 continuation byte (0x80–0xBF) in sloppy Windows-1252 or
/// Latin-1, or the `�` that a lossy decoder left for one.
fn is_continuation_like(c: char) -> bool {
    matches!(sloppy_byte(c), Some(0x80..=0xBF | 0x1A))
}

// ---------------------------------------------------------------------------------------------
// Encodings

/// Windows-1252 bytes 0x80–0x9F; the five undefined ones map to themselves (as in Latin-1).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The byte for `c` in sloppy Windows-1252, where `�` stands for a lost byte as 0x1A.
fn sloppy_byte(c: char) -> Option<u8> {
    let code = c as u32;
    match code {
        0x1A => None,
        0..=0x7F | 0xA0..=0xFF | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D => Some(code as u8),
        0x80..=0x9F => None,
        0xFFFD => Some(0x1A),
        _ => cp1252_special_byte(c),
    }
}

/// The Windows-1252 byte 0x80–0x9F of a character outside Latin-1.
fn cp1252_special_byte(c: char) -> Option<u8> {
    if (c as u32) < 0x152 {
        return None;
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == c)
        .map(|i| 0x80 + i as u8)
}

/// The byte for `c` in Latin-1.
fn latin1_byte(c: char) -> Option<u8> {
    u8::try_from(c as u32).ok()
}

/// The character a C1 control stands for in Windows-1252 (itself for the undefined five).
fn c1_to_cp1252(c: char) -> char {
    CP1252_HIGH[(c as u32 - 0x80) as usize]
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

// ---------------------------------------------------------------------------------------------
// Badness: a compact port of ftfy's `badness.py`

/// Categories of the characters that occur in UTF-8 mojibake (ftfy's `MOJIBAKE_CATEGORIES`).
mod cat {
    pub const COMMON: u16 = 1;
    pub const C1: u16 = 1 << 1;
    pub const BAD: u16 = 1 << 2;
    pub const LAW: u16 = 1 << 3;
    pub const CURRENCY: u16 = 1 << 4;
    pub const START: u16 = 1 << 5;
    pub const END: u16 = 1 << 6;
    pub const NUMERIC: u16 = 1 << 7;
    pub const KAOMOJI: u16 = 1 << 8;
    pub const UPPER_ACC: u16 = 1 << 9;
    pub const LOWER_ACC: u16 = 1 << 10;
    pub const UPPER_COMMON: u16 = 1 << 11;
    pub const LOWER_COMMON: u16 = 1 << 12;
}

fn category(c: char) -> u16 {
    use cat::*;
    match c {
        '\u{0}'..='\u{7f}' => 0,
        '\u{80}'..='\u{9f}' => C1,
        '\u{a0}' | '\u{ad}' | '·' | '´' | '–' | '—' | '―' | '…' | '’' => COMMON,
        '¦' | '¤' | '¨' | '¬' | '¯' | '¸' | 'ƒ' | 'ˆ' | 'ˇ' | '˘' | '˛' | '˜' | '†' | '‡' | '‰'
        | '⌐' | '◊' | '\u{fffd}' | 'ª' | 'º' => BAD,
        '¶' | '§' => LAW,
        '¢' | '£' | '¥' | '₧' | '€' => CURRENCY,
        '¡' | '«' | '¿' | '©' | '΄' | '΅' | '‘' | '‚' | '“' | '„' | '•' | '‹' | '\u{f8ff}' => {
            START
        }
        '®' | '»' | '˝' | '”' | '›' | '™' => END,
        '²' | '³' | '¹' | '±' | '¼' | '½' | '¾' | '×' | 'µ' | '÷' | '⁄' | '∂' | '∆' | '∏' | '∑'
        | '√' | '∞' | '∩' | '∫' | '≈' | '≠' | '≡' | '≤' | '≥' | '№' => NUMERIC,
        '°' => KAOMOJI,
        'Ü' => KAOMOJI | UPPER_ACC,
        'Ò'..='Ö' | 'Ù'..='Û' | 'ò'..='ö' | 'ø'..='û' | 'Ő' | 'Ō' | 'Ū' | 'Ų' => {
            KAOMOJI
        }
        'ü' => KAOMOJI | LOWER_ACC,
        'À'..='Ñ'
        | 'Ø'
        | 'Ý'
        | 'Ă'
        | 'Ā'
        | 'Ą'
        | 'Ć'
        | 'Č'
        | 'Ď'
        | 'Đ'
        | 'Ę'
        | 'Ě'
        | 'Ē'
        | 'Ė'
        | 'Ğ'
        | 'Ģ'
        | 'İ'
        | 'Ī'
        | 'Ķ'
        | 'Ĺ'
        | 'Ľ'
        | 'Ł'
        | 'Ļ'
        | 'Ń'
        | 'Ň'
        | 'Ņ'
        | 'Œ'
        | 'Ř'
        | 'Ś'
        | 'Ş'
        | 'Š'
        | 'Ţ'
        | 'Ť'
        | 'Ů'
        | 'Ű'
        | 'Ÿ'
        | 'Ź'
        | 'Ż'
        | 'Ž'
        | 'Ґ' => UPPER_ACC,
        'ß'
        | 'à'..='ñ'
        | 'ă'
        | 'ą'
        | 'ā'
        | 'ć'
        | 'č'
        | 'ď'
        | 'đ'
        | 'ę'
        | 'ě'
        | 'ē'
        | 'ė'
        | 'ğ'
        | 'ģ'
        | 'į'
        | 'ī'
        | 'ķ'
        | 'ĺ'
        | 'ľ'
        | 'ł'
        | 'ļ'
        | 'œ'
        | 'ŕ'
        | 'ś'
        | 'ş'
        | 'š'
        | 'ť'
        | 'ź'
        | 'ż'
        | 'ž'
        | 'ґ'
        | 'ﬁ'
        | 'ﬂ' => LOWER_ACC,
        'Þ' | 'Α'..='Ω' | 'Ά' | 'Έ' | 'Ή' | 'Ί' | 'Ό' | 'Ύ' | 'Ώ' | 'Ϊ' | 'Ϋ' | 'Ё'..='Я' => {
            UPPER_COMMON
        }
        'α'..='ω' | 'ά' | 'έ' | 'ή' | 'ί' | 'ΰ' | 'а'..='џ' => LOWER_COMMON,
        _ => 0,
    }
}

fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `[ÂÃÎÐ]` followed by one of these is Windows-1252 mojibake of a two-byte character.
fn in_set20(c: char) -> bool {
    matches!(
        c,
        '€' | 'œ'
            | 'Š'
            | 'š'
            | '¢'
            | '£'
            | 'Ÿ'
            | 'ž'
            | '\u{a0}'
            | '\u{ad}'
            | '®'
            | '©'
            | '°'
            | '·'
            | '»'
            | '–'
            | '—'
            | '´'
    ) || category(c) & (cat::START | cat::END) != 0
}

/// The second and fourth characters of Arabic mojibake `[ØÙ]x[ØÙ]x`.
fn in_set22(c: char) -> bool {
    use cat::*;
    category(c) & (COMMON | CURRENCY | BAD | NUMERIC | START) != 0
        || matches!(c, 'Ÿ' | 'Š' | '®' | '°' | 'µ' | '»')
}

/// The characters just outside a text that is checked on its own (a run inside a line).
#[derive(Debug, Clone, Copy, Default)]
struct Around {
    /// The character before.
    previous: Option<char>,
    /// The two characters after.
    next: [Option<char>; 2],
}

impl Around {
    /// What surrounds `chars[range]`, given what surrounds `chars`.
    fn of(chars: &[char], range: Range<usize>, outer: Around) -> Around {
        let previous = match range.start {
            0 => outer.previous,
            start => Some(chars[start - 1]),
        };
        let after = |k: usize| match chars.get(range.end + k) {
            Some(&c) => Some(c),
            None => outer
                .next
                .get(range.end + k - chars.len())
                .copied()
                .flatten(),
        };
        Around {
            previous,
            next: [after(0), after(1)],
        }
    }
}

/// Length of the weird sequence starting at `chars[i]`, if any.
///
/// First ftfy's `BADNESS_RE`, minus the alternatives for encodings other than Latin-1 and
/// Windows-1252; like ftfy's, these patterns see only `chars`, so a run judged on its own
/// loses its context. Then a few case-aware patterns of ours, which do see `around`:
///
/// - `Â` + no-break space after a capital letter is real text (`MISUTÂ\u{a0}AJIKKO`), not
///   a no-break space read as Windows-1252.
/// - `Ã`, `Ä` or `Å` + a letter-like Windows-1252 character (`Š Ž Ÿ Œ š ž œ`) next to a
///   letter: `ErdoÄŸan`, `Åžtefan`, `ÃŽle` (ğ, Ş, Î). No language writes these pairs.
/// - `Ä` or `Å` + a continuation character after a lowercase letter: `KlaipÄ—da`,
///   `BilotaitÄ—` (ė); or starting a lowercase word: `Å\u{a0}iauliai`, `Ä€lam` (Š, Ā).
/// - `Ã`, `Ä` or `Å` + `…` + a lowercase letter: `Ã…lesund` (Å).
/// - `á¹` or `á»` + a continuation character inside a word: `Nguyá»…n`, `Quá¹£ayr` (ễ, ṣ).
fn weird_at(chars: &[char], i: usize, around: Around) -> Option<usize> {
    use cat::*;
    let at = |k: usize| chars.get(i + k).copied();
    // Like `at`, but looking past the end of `chars` into `around`.
    let wide = |k: usize| at(k).or_else(|| around.next.get(i + k - chars.len()).copied().flatten());
    let previous = if i == 0 {
        around.previous
    } else {
        Some(chars[i - 1])
    };
    let cat_at = |k: usize| at(k).map_or(0, category);
    let c0 = chars[i];
    let k0 = category(c0);
    let k1 = cat_at(1);
    let k2 = cat_at(2);
    let accented = LOWER_ACC | UPPER_ACC;
    let symbols = START | END | CURRENCY | NUMERIC | LAW;

    if k0 & C1 != 0 {
        return Some(1);
    }
    if k0 & (BAD | accented | symbols) != 0 && k1 & BAD != 0 {
        return Some(2);
    }
    if c0.is_ascii_alphabetic() && k1 & (UPPER_COMMON | LOWER_COMMON) != 0 && k2 & BAD != 0 {
        return Some(3);
    }
    if k0 & BAD != 0 && k1 & (accented | symbols) != 0 {
        return Some(2);
    }
    if k0 & (LOWER_ACC | LOWER_COMMON | END | CURRENCY | NUMERIC) != 0 && k1 & UPPER_ACC != 0 {
        return Some(2);
    }
    if k0 & (END | CURRENCY | NUMERIC) != 0 && k1 & LOWER_ACC != 0 {
        return Some(2);
    }
    if k0 & (LOWER_ACC | END) != 0 && k1 & CURRENCY != 0 {
        return Some(2);
    }
    if is_ws(c0) && k1 & UPPER_ACC != 0 && k2 & CURRENCY != 0 {
        return Some(3);
    }
    if k0 & UPPER_ACC != 0 && k1 & (NUMERIC | LAW) != 0 {
        return Some(2);
    }
    if k0 & (accented | CURRENCY | END) != 0 && k1 & START != 0 && k2 & NUMERIC != 0 {
        return Some(3);
    }
    if k0 & (accented | CURRENCY | NUMERIC | LAW) != 0 && k1 & END != 0 && k2 & START != 0 {
        return Some(3);
    }
    if k0 & (CURRENCY | NUMERIC) != 0 && k1 & START != 0 {
        return Some(2);
    }
    if c0.is_ascii_lowercase() && k1 & UPPER_ACC != 0 && k2 & (START | CURRENCY) != 0 {
        return Some(3);
    }
    if k0 & accented != 0 && k1 & (START | END) != 0 && at(2).is_some_and(is_word) {
        return Some(3);
    }
    if matches!(c0, 'Œ' | 'œ') && at(1).is_some_and(|c| !c.is_ascii_alphabetic()) {
        return Some(2);
    }
    if k0 & UPPER_ACC != 0 && at(1) == Some('°') {
        return Some(2);
    }
    if matches!(c0, 'Â' | 'Ã' | 'Î' | 'Ð') && at(1).is_some_and(in_set20) {
        let capital_word =
            c0 == 'Â' && at(1) == Some('\u{a0}') && previous.is_some_and(|p| p.is_uppercase());
        if !capital_word {
            return Some(2);
        }
    }
    if c0 == '×' && matches!(at(1), Some('²' | '³')) {
        return Some(2);
    }
    if matches!(c0, 'Ø' | 'Ù')
        && at(1).is_some_and(in_set22)
        && matches!(at(2), Some('Ø' | 'Ù'))
        && at(3).is_some_and(in_set22)
    {
        return Some(4);
    }
    if c0 == 'à' && matches!(at(1), Some('²' | 'µ' | '¹' | '¼' | '½' | '¾')) {
        return Some(2);
    }
    if c0 == 'Ã' && matches!(at(1), Some('\u{a0}' | '¡')) {
        return Some(2);
    }
    if c0.is_ascii_lowercase() {
        if at(1).is_some_and(is_ws) && matches!(at(2), Some('Ã' | 'Â')) && at(3) == Some(' ') {
            return Some(4);
        }
        if matches!(at(1), Some('Ã' | 'Â')) && at(2) == Some(' ') {
            return Some(3);
        }
    }
    if i == 0 && matches!(c0, 'Ã' | 'Â') && at(1) == Some(' ') {
        return Some(2);
    }
    if (matches!(c0, 'a'..='z' | '.' | ',' | '?' | '!') || k0 & END != 0)
        && at(1) == Some('Â')
        && at(2).is_some_and(|c| c == ' ' || category(c) & (START | END) != 0)
    {
        return Some(3);
    }

    // Case-aware patterns (ours, not ftfy's).
    if matches!(c0, 'Ã' | 'Ä' | 'Å') {
        let c1 = at(1)?;
        let letter_before = previous.is_some_and(char::is_alphabetic);
        let lower_after = |k: usize| wide(k).is_some_and(char::is_lowercase);
        if matches!(c1, 'Š' | 'Ž' | 'Ÿ' | 'Œ' | 'š' | 'ž' | 'œ')
            && (letter_before || wide(2).is_some_and(char::is_alphabetic))
        {
            return Some(2);
        }
        if c1 == '…' && lower_after(2) {
            return Some(2);
        }
        if c0 != 'Ã' && !c1.is_ascii() && is_continuation_like(c1) {
            if previous.is_some_and(char::is_lowercase) {
                return Some(2);
            }
            if !previous.is_some_and(char::is_alphanumeric)
                && !is_punctuation_like(c1)
                && lower_after(2)
                && lower_after(3)
            {
                return Some(2);
            }
        }
    }
    if c0 == 'á' && matches!(at(1), Some('¹' | '»')) {
        let c2 = at(2)?;
        if !c2.is_ascii()
            && is_continuation_like(c2)
            && (!is_punctuation_like(c2) || wide(3).is_some_and(char::is_alphabetic))
        {
            return Some(3);
        }
    }
    None
}

/// Punctuation that may follow a letter in real text (`Å—`, `É’s`, `Õ…`).
fn is_punctuation_like(c: char) -> bool {
    matches!(
        c,
        '’' | '‘'
            | '“'
            | '”'
            | '–'
            | '—'
            | '…'
            | '•'
            | '·'
            | '«'
            | '»'
            | '´'
            | '\u{ad}'
            | '™'
            | '®'
    )
}

/// Number of weird sequences in `chars` (non-overlapping, left to right), as ftfy's
/// `badness`.
fn badness(chars: &[char], around: Around) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        match weird_at(chars, i, around) {
            Some(len) => {
                count += 1;
                i += len;
            }
            None => i += 1,
        }
    }
    count
}

fn is_bad(chars: &[char], around: Around) -> bool {
    (0..chars.len()).any(|i| weird_at(chars, i, around).is_some())
}

// ---------------------------------------------------------------------------------------------
// Byte-level transcoding with provenance

/// Bytes of an encoded line, each tagged with the range of line characters it came from.
struct Tagged {
    bytes: Vec<u8>,
    from: Vec<(u32, u32)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Encoding {
    Latin1,
    SloppyCp1252,
}

impl Tagged {
    fn encode(chars: &[char], encoding: Encoding) -> Option<Tagged> {
        let mut bytes = Vec::with_capacity(chars.len());
        let mut from = Vec::with_capacity(chars.len());
        for (i, &c) in chars.iter().enumerate() {
            let byte = match encoding {
                Encoding::Latin1 => latin1_byte(c),
                Encoding::SloppyCp1252 => sloppy_byte(c),
            }?;
            bytes.push(byte);
            from.push((i as u32, i as u32));
        }
        Some(Tagged { bytes, from })
    }

    fn len(&self) -> usize {
        self.bytes.len()
    }

    /// ftfy's `restore_byte_a0`: puts back 0xA0 bytes that became spaces inside UTF-8
    /// sequences (`Ã ` for `à`), keeping a space after a lone `à` word.
    fn restore_byte_a0(&mut self) {
        if !self.has_altered_utf8() {
            return;
        }
        // A_GRAVE_WORD_RE: b"\xc3 (?! |quele|quela|quilo|s )" -> b"\xc3\xa0 "
        let mut bytes = Vec::with_capacity(self.len() + 8);
        let mut from = Vec::with_capacity(self.len() + 8);
        for i in 0..self.len() {
            bytes.push(self.bytes[i]);
            from.push(self.from[i]);
            if self.bytes[i] == 0xC3 && self.bytes.get(i + 1) == Some(&b' ') {
                let rest = &self.bytes[i + 2..];
                let exempt = [&b" "[..], b"quele", b"quela", b"quilo", b"s "]
                    .iter()
                    .any(|word| rest.starts_with(word));
                if !exempt {
                    bytes.push(0xA0);
                    from.push(self.from[i]);
                }
            }
        }
        self.bytes = bytes;
        self.from = from;
        let mut i = 0;
        while i < self.len() {
            match self.altered_utf8_at(i) {
                Some(len) => {
                    for k in i..i + len {
                        if self.bytes[k] == b' ' {
                            self.bytes[k] = 0xA0;
                        }
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }

    fn has_altered_utf8(&self) -> bool {
        (0..self.len()).any(|i| self.altered_utf8_at(i).is_some())
    }

    /// ftfy's `ALTERED_UTF8_RE`: a UTF-8 sequence with a space where 0xA0 belongs.
    fn altered_utf8_at(&self, i: usize) -> Option<usize> {
        let b = |k: usize| self.bytes.get(i + k).copied();
        let cont = |x: Option<u8>| matches!(x, Some(0x80..=0xBF));
        let cont_not_85_a0 =
            |x: Option<u8>| matches!(x, Some(0x80..=0x84 | 0x86..=0x9F | 0xA1..=0xBF));
        let space = |x: Option<u8>| x == Some(b' ');
        let first = self.bytes[i];
        if matches!(first, 0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9) && space(b(1)) {
            return Some(2);
        }
        if matches!(first, 0xE2 | 0xE3) && space(b(1)) && cont_not_85_a0(b(2)) {
            return Some(3);
        }
        if matches!(first, 0xE0..=0xE3) && cont_not_85_a0(b(1)) && space(b(2)) {
            return Some(3);
        }
        if first == 0xF0 {
            let (x, y, z) = (b(1), b(2), b(3));
            if (space(x) && cont(y) && cont(z))
                || (cont(x) && space(y) && cont(z))
                || (cont(x) && cont(y) && space(z))
            {
                return Some(4);
            }
        }
        None
    }

    /// ftfy's `replace_lossy_sequences`: a UTF-8 sequence missing a byte (0x1A for `�`, or
    /// `?`) becomes the UTF-8 for `�`.
    fn replace_lossy_sequences(&mut self) {
        if !self.bytes.iter().any(|&b| b == 0x1A || b == b'?') {
            return;
        }
        let mut bytes = Vec::with_capacity(self.len());
        let mut from = Vec::with_capacity(self.len());
        let mut i = 0;
        while i < self.len() {
            match self.lossy_at(i) {
                Some(len) => {
                    let (start, _) = self.from[i];
                    let (_, end) = self.from[i + len - 1];
                    bytes.extend_from_slice("\u{fffd}".as_bytes());
                    from.extend_from_slice(&[(start, end); 3]);
                    i += len;
                }
                None => {
                    bytes.push(self.bytes[i]);
                    from.push(self.from[i]);
                    i += 1;
                }
            }
        }
        self.bytes = bytes;
        self.from = from;
    }

    /// ftfy's `LOSSY_UTF8_RE`.
    fn lossy_at(&self, i: usize) -> Option<usize> {
        let b = |k: usize| self.bytes.get(i + k).copied();
        let lost = |x: Option<u8>| matches!(x, Some(0x1A | b'?'));
        let lost_or_cont = |x: Option<u8>| matches!(x, Some(0x1A | b'?' | 0x80..=0xBF));
        let sub_or_cont = |x: Option<u8>| matches!(x, Some(0x1A | 0x80..=0xBF));
        let first = self.bytes[i];
        match first {
            0xC2..=0xDF if b(1) == Some(0x1A) => return Some(2),
            _ => {}
        }
        if matches!(first, 0xC2 | 0xC3) && b(1) == Some(b'?') {
            return Some(2);
        }
        if first == 0xED && matches!(b(1), Some(0xA0..=0xAF)) && b(3) == Some(0xED) {
            let high = matches!(b(4), Some(0xB0..=0xBF));
            if high && lost(b(2)) && lost_or_cont(b(5)) {
                return Some(6);
            }
            if high && lost_or_cont(b(2)) && lost(b(5)) {
                return Some(6);
            }
        }
        if (0xE0..=0xEF).contains(&first) {
            if lost(b(1)) && sub_or_cont(b(2)) {
                return Some(3);
            }
            if sub_or_cont(b(1)) && lost(b(2)) {
                return Some(3);
            }
        }
        if (0xF0..=0xF4).contains(&first) {
            let (x, y, z) = (b(1), b(2), b(3));
            if (lost(x) && sub_or_cont(y) && sub_or_cont(z))
                || (sub_or_cont(x) && lost(y) && sub_or_cont(z))
                || (sub_or_cont(x) && sub_or_cont(y) && lost(z))
            {
                return Some(4);
            }
        }
        if first == 0x1A {
            return Some(1);
        }
        None
    }

    /// Decodes as UTF-8, also accepting CESU-8 surrogate pairs and Java's `C0 80` for NUL
    /// (ftfy's `utf-8-variants`). Each character comes with the line characters it spans.
    fn decode(&self) -> Option<Vec<(char, u32, u32)>> {
        let bytes = &self.bytes;
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let b0 = bytes[i];
            let cont = |k: usize| {
                bytes
                    .get(i + k)
                    .copied()
                    .filter(|b| (0x80..=0xBF).contains(b))
            };
            let (code, len) = if b0 < 0x80 {
                (u32::from(b0), 1)
            } else if b0 == 0xC0 && bytes.get(i + 1) == Some(&0x80) {
                (0, 2)
            } else if (0xC2..=0xDF).contains(&b0) {
                (
                    ((u32::from(b0) & 0x1F) << 6) | (u32::from(cont(1)?) & 0x3F),
                    2,
                )
            } else if (0xE0..=0xEF).contains(&b0) {
                let (c1, c2) = (cont(1)?, cont(2)?);
                if b0 == 0xE0 && c1 < 0xA0 {
                    return None;
                }
                if b0 == 0xED && c1 >= 0xA0 {
                    // CESU-8: a high surrogate then a low one, six bytes in all.
                    let (c4, c5) = (cont(4)?, cont(5)?);
                    if c1 > 0xAF || bytes.get(i + 3) != Some(&0xED) || !(0xB0..=0xBF).contains(&c4)
                    {
                        return None;
                    }
                    let code = 0x10000
                        + ((u32::from(c1) & 0x0F) << 16)
                        + ((u32::from(c2) & 0x3F) << 10)
                        + ((u32::from(c4) & 0x0F) << 6)
                        + (u32::from(c5) & 0x3F);
                    (code, 6)
                } else {
                    let code = ((u32::from(b0) & 0x0F) << 12)
                        | ((u32::from(c1) & 0x3F) << 6)
                        | (u32::from(c2) & 0x3F);
                    (code, 3)
                }
            } else if (0xF0..=0xF4).contains(&b0) {
                let (c1, c2, c3) = (cont(1)?, cont(2)?, cont(3)?);
                if (b0 == 0xF0 && c1 < 0x90) || (b0 == 0xF4 && c1 > 0x8F) {
                    return None;
                }
                let code = ((u32::from(b0) & 0x07) << 18)
                    | ((u32::from(c1) & 0x3F) << 12)
                    | ((u32::from(c2) & 0x3F) << 6)
                    | (u32::from(c3) & 0x3F);
                (code, 4)
            } else {
                return None;
            };
            let c = char::from_u32(code)?;
            let start = self.from[i].0;
            let end = self.from[i + len - 1].1;
            out.push((c, start, end));
            i += len;
        }
        Some(out)
    }
}

// ---------------------------------------------------------------------------------------------
// The fixing passes

/// One replacement in a pass: a range of character indices and its new characters.
type Edit = (Range<usize>, Vec<char>);

/// Passes per line at most (each unwinds one layer of mojibake).
const MAX_PASSES: usize = 6;

/// How deep the fix of an embedded run may recurse.
const MAX_DEPTH: usize = 4;

/// One pass over `chars` (ftfy's `_fix_encoding_one_step_and_explain`).
fn one_pass(chars: &[char], around: Around, depth: usize) -> Vec<Edit> {
    if chars.iter().all(char::is_ascii) || !is_bad(chars, around) {
        return Vec::new();
    }
    if let Some(edits) = decode_whole(chars, around) {
        return edits;
    }
    let edits = decode_embedded(chars, around, depth);
    if !edits.is_empty() {
        return edits;
    }
    chars
        .iter()
        .enumerate()
        .filter(|&(_, &c)| is_c1(c) && c1_to_cp1252(c) != c)
        .map(|(i, &c)| (i..i + 1, vec![c1_to_cp1252(c)]))
        .collect()
}

/// Encodes the whole of `chars` in Latin-1 or else sloppy Windows-1252 and decodes it as
/// UTF-8; `None` when neither works or the result is weirder. (Every change makes the text
/// shorter, as several characters become one, so "not weirder" means "less weird".)
fn decode_whole(chars: &[char], around: Around) -> Option<Vec<Edit>> {
    for encoding in [Encoding::Latin1, Encoding::SloppyCp1252] {
        let Some(mut tagged) = Tagged::encode(chars, encoding) else {
            continue;
        };
        tagged.restore_byte_a0();
        if encoding == Encoding::SloppyCp1252 {
            tagged.replace_lossy_sequences();
        }
        let Some(decoded) = tagged.decode() else {
            continue;
        };
        let mut edits: Vec<Edit> = Vec::new();
        for (c, start, end) in decoded {
            let (start, end) = (start as usize, end as usize);
            if start == end && chars[start] == c {
                continue;
            }
            match edits.last_mut() {
                Some((range, text)) if range.end >= start => {
                    range.end = range.end.max(end + 1);
                    text.push(c);
                }
                _ => edits.push((start..end + 1, vec![c])),
            }
        }
        if edits.is_empty() {
            return Some(edits);
        }
        // A `�` for a lost byte is not new weirdness: the loss was there already.
        let mut fixed = apply_edits(chars, &edits);
        for c in &mut fixed {
            if *c == '\u{fffd}' {
                *c = '\u{fffc}';
            }
        }
        if badness(&fixed, around) <= badness(chars, around) {
            return Some(edits);
        }
    }
    None
}

fn apply_edits(chars: &[char], edits: &[Edit]) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    let mut pos = 0;
    for (range, text) in edits {
        out.extend_from_slice(&chars[pos..range.start]);
        out.extend_from_slice(text);
        pos = range.end;
    }
    out.extend_from_slice(&chars[pos..]);
    out
}

/// The lead characters of UTF-8 read as Latin-1 (ftfy's `utf8_first_of_*`, narrowed).
fn sequence_length(c: char) -> usize {
    utf8_length(c as u32)
}

/// ftfy's `utf8_continuation`, narrowed to Latin-1 and Windows-1252 (plus the Windows-1257
/// letters ftfy lists, so runs end where ftfy's do).
fn is_continuation(c: char) -> bool {
    c == ' '
        || is_continuation_strict(c)
        || matches!(c, '–' | '—' | '‘' | '’' | '‚' | '“' | '”' | '„' | '•' | '…')
}

/// ftfy's `utf8_continuation_strict`: a run after one of these is part of a bigger garble.
fn is_continuation_strict(c: char) -> bool {
    matches!(
        c,
        '\u{80}'
            ..='\u{bf}'
                | 'Æ'
                | 'Ø'
                | 'æ'
                | 'ø'
                | 'Œ'
                | 'œ'
                | 'Š'
                | 'š'
                | 'Ÿ'
                | 'Ž'
                | 'ž'
                | 'ƒ'
                | 'ˆ'
                | '˜'
                | '†'
                | '‡'
                | '‰'
                | '‹'
                | '›'
                | '€'
                | '™'
    )
}

/// ftfy's `decode_inconsistent_utf8`: fixes each run of UTF-8-looking sequences that is
/// weird on its own, as a text of its own.
fn decode_embedded(chars: &[char], around: Around, depth: usize) -> Vec<Edit> {
    let mut edits = Vec::new();
    if depth >= MAX_DEPTH {
        return edits;
    }
    let mut i = 0;
    while i < chars.len() {
        if sequence_length(chars[i]) == 0 || (i > 0 && is_continuation_strict(chars[i - 1])) {
            i += 1;
            continue;
        }
        let mut end = i;
        loop {
            let len = sequence_length(chars.get(end).copied().unwrap_or('\0'));
            if len == 0
                || end + len > chars.len()
                || !chars[end + 1..end + len]
                    .iter()
                    .all(|&c| is_continuation(c))
            {
                break;
            }
            end += len;
        }
        if end == i {
            i += 1;
            continue;
        }
        let run = &chars[i..end];
        let run_around = Around::of(chars, i..end, around);
        if run.len() < chars.len() && is_bad(run, run_around) {
            let fixed = fix_chars(run, run_around, depth + 1);
            if fixed != run {
                edits.push((i..end, fixed));
            }
        }
        i = end;
    }
    edits
}

/// `chars` fixed as a text of its own, pass after pass.
fn fix_chars(chars: &[char], around: Around, depth: usize) -> Vec<char> {
    let mut current = chars.to_vec();
    for _ in 0..MAX_PASSES {
        let edits = one_pass(&current, around, depth);
        if edits.is_empty() {
            break;
        }
        current = apply_edits(&current, &edits);
    }
    current
}

/// A stretch of the current text of a line and where it came from in the original.
#[derive(Debug, Clone)]
struct Piece {
    original: Range<usize>,
    current: Range<usize>,
    changed: bool,
}

/// Applies `edits` (on `current`) and keeps `pieces` mapping the result to the original.
fn apply_tracked(current: &[char], pieces: &[Piece], edits: &[Edit]) -> (Vec<char>, Vec<Piece>) {
    // Pieces are contiguous and in order, so the one holding `x` is found by bisection.
    let index_at = |x: usize| pieces.partition_point(|p| p.current.end <= x);
    let piece_at = |x: usize| &pieces[index_at(x)];
    // Widen each edit to whole changed pieces, then merge the ones that now overlap.
    let mut regions: Vec<(Range<usize>, Vec<char>)> = Vec::new();
    for (range, text) in edits {
        let first = piece_at(range.start);
        let last = piece_at(range.end - 1);
        let start = if first.changed {
            first.current.start
        } else {
            range.start
        };
        let end = if last.changed {
            last.current.end
        } else {
            range.end
        };
        let mut content = current[start..range.start].to_vec();
        content.extend_from_slice(text);
        content.extend_from_slice(&current[range.end..end]);
        match regions.last_mut() {
            Some((previous, previous_content)) if previous.end > start => {
                // The previous region ran on to `previous.end` inside a changed piece.
                let overlap = previous.end - start;
                previous_content.truncate(previous_content.len() - overlap);
                previous_content.extend_from_slice(&content);
                previous.end = end;
            }
            _ => regions.push((start..end, content)),
        }
    }

    let mut new_text = Vec::with_capacity(current.len());
    let mut new_pieces = Vec::with_capacity(pieces.len() + 2 * regions.len());
    let copy = |from: usize, to: usize, text: &mut Vec<char>, out: &mut Vec<Piece>| {
        let first = index_at(from);
        for p in pieces[first.min(pieces.len())..]
            .iter()
            .take_while(|p| p.current.start < to)
        {
            let (s, e) = (p.current.start.max(from), p.current.end.min(to));
            if s >= e {
                continue;
            }
            let original = if p.changed {
                p.original.clone()
            } else {
                let shift = |x: usize| p.original.start + (x - p.current.start);
                shift(s)..shift(e)
            };
            out.push(Piece {
                original,
                current: text.len()..text.len() + (e - s),
                changed: p.changed,
            });
            text.extend_from_slice(&current[s..e]);
        }
    };
    let mut position = 0;
    for (range, content) in regions {
        copy(position, range.start, &mut new_text, &mut new_pieces);
        let first = piece_at(range.start);
        let last = piece_at(range.end - 1);
        let original_start = if first.changed {
            first.original.start
        } else {
            first.original.start + (range.start - first.current.start)
        };
        let original_end = if last.changed {
            last.original.end
        } else {
            last.original.start + (range.end - last.current.start)
        };
        new_pieces.push(Piece {
            original: original_start..original_end,
            current: new_text.len()..new_text.len() + content.len(),
            changed: true,
        });
        new_text.extend_from_slice(&content);
        position = range.end;
    }
    copy(position, current.len(), &mut new_text, &mut new_pieces);
    (new_text, new_pieces)
}

/// Fixes one line (at byte `offset` of the text) and pushes its repairs.
/// `wasnâ€t`, `Itâ€s`: the mojibake of `’` with its last character (`™`) lost, inside a
/// contraction or a possessive. `â€` never stands in real text, and between a letter and `t`,
/// `s`, `ll`, `re`, `ve`, `d` or `m` ending the word it can only have been the apostrophe.
/// Adds repairs for the line `line` of `text` that the line's other repairs (from index
/// `first_of_line` on) do not cover, keeping `fixes` in order.
fn lost_apostrophes(
    text: &str,
    line: Range<usize>,
    first_of_line: usize,
    fixes: &mut Vec<MojibakeFix>,
) {
    const BROKEN: &str = "â€";
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for at in memchr::memmem::find_iter(&bytes[line.clone()], BROKEN.as_bytes()) {
        let start = line.start + at;
        let end = start + BROKEN.len();
        let letter_before = text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
        let suffix_len = bytes[end..line.end]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let suffix = &text[end..end + suffix_len];
        if !letter_before || !matches!(suffix, "t" | "s" | "ll" | "re" | "ve" | "d" | "m") {
            continue;
        }
        if fixes[first_of_line..]
            .iter()
            .any(|f| f.span.start < end && start < f.span.end)
        {
            continue;
        }
        found.push(MojibakeFix {
            span: start..end,
            replacement: "’".to_owned(),
            confidence: 0.9,
        });
    }
    if !found.is_empty() {
        fixes.extend(found);
        fixes[first_of_line..].sort_by_key(|f| f.span.start);
    }
}

fn fix_line(line: &str, offset: usize, fixes: &mut Vec<MojibakeFix>) {
    let chars: Vec<char> = line.chars().collect();
    let mut current = chars.clone();
    let mut pieces = vec![Piece {
        original: 0..chars.len(),
        current: 0..chars.len(),
        changed: false,
    }];
    for _ in 0..MAX_PASSES {
        let edits = one_pass(&current, Around::default(), 0);
        if edits.is_empty() {
            break;
        }
        (current, pieces) = apply_tracked(&current, &pieces, &edits);
    }
    if pieces.iter().all(|p| !p.changed) {
        return;
    }
    let mut byte_at = Vec::with_capacity(chars.len() + 1);
    byte_at.extend(line.char_indices().map(|(i, _)| offset + i));
    byte_at.push(offset + line.len());

    let mut merged: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for p in pieces.iter().filter(|p| p.changed) {
        match merged.last_mut() {
            Some((original, current)) if original.end == p.original.start => {
                original.end = p.original.end;
                current.end = p.current.end;
            }
            _ => merged.push((p.original.clone(), p.current.clone())),
        }
    }
    for (original, new) in merged {
        let before = &chars[original.clone()];
        let after = &current[new];
        if before == after {
            continue;
        }
        let around = Around::of(&chars, original.clone(), Around::default());
        fixes.push(MojibakeFix {
            span: byte_at[original.start]..byte_at[original.end],
            replacement: after.iter().collect(),
            confidence: confidence(before, after, around),
        });
    }
}

/// How sure a repair of `before` into `after` is: near-certain when several characters
/// collapse into one (`â€™` → `’`), less so for two-character sequences that are weird only
/// in context, lossy repairs and `Â` before a no-break space.
fn confidence(before: &[char], after: &[char], around: Around) -> f32 {
    if after.contains(&'\u{fffd}') {
        return 0.7;
    }
    if before.len() == after.len() {
        // Only C1 controls read as Windows-1252.
        return 0.9;
    }
    if before.len() >= after.len() + 2 * after.iter().filter(|c| !c.is_ascii()).count().max(1) {
        return 0.99;
    }
    if before == ['Â', '\u{a0}'] {
        return 0.85;
    }
    if is_bad(before, around) { 0.95 } else { 0.75 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(input, expected)`: repairs first, then text that must stay as it is.
    const CASES: &[(&str, &str)] = &[
        ("Itâ€™s", "It’s"),
        (
            "Itâ€™s a â€œtestâ€\u{9d} â€” really",
            "It’s a “test” — really",
        ),
        ("cafÃ©", "café"),
        ("SÃ£o Paulo", "São Paulo"),
        ("ZÃ¼rich and GÃ¼mrÃ¼kÃ§Ã¼", "Zürich and Gümrükçü"),
        ("doesnÃ¢â‚¬â„¢t", "doesn’t"),
        ("doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t", "doesn’t"),
        (
            "Iggy Pop (nÃƒÂ© Jim Osterberg)",
            "Iggy Pop (né Jim Osterberg)",
        ),
        (
            "It was namedÂ\u{a0}after him",
            "It was named\u{a0}after him",
        ),
        ("Â\u{a0}10 km", "\u{a0}10 km"),
        ("voilÃ le travail", "voilà le travail"),
        ("Ã perturber la rÃ©flexion", "à perturber la réflexion"),
        ("DOS AÃ‘OS", "DOS AÑOS"),
        ("HÃ”TEL", "HÔTEL"),
        ("RUF MICH ZURÃœCK", "RUF MICH ZURÜCK"),
        ("The price was \u{93}fair\u{94}", "The price was “fair”"),
        ("Ecuadorâ\u{80}\u{99}s move", "Ecuador’s move"),
        // The `™` of `’` lost: only an apostrophe stands there.
        ("it wasnâ€t true", "it wasn’t true"),
        ("Kyivâ€s mayor and Itâ€™s", "Kyiv’s mayor and It’s"),
        ("The ICR is â€œbbâ€�", "The ICR is “bb�"),
        ("l’humanitÃ©, l’Ã©galitÃ©", "l’humanité, l’égalité"),
        ("President ErdoÄŸan’s party", "President Erdoğan’s party"),
        (
            "Agnė BilotaitÄ— met Ingrida Å\u{a0}imonytÄ—",
            "Agnė Bilotaitė met Ingrida Šimonytė",
        ),
        ("Nguyá»…n PhÃº Trá»\u{8d}ng", "Nguyễn Phú Trọng"),
        ("Ã…lesund", "Ålesund"),
        ("Ä°stanbul", "İstanbul"),
        ("×¢×‘×¨×™×ª", "עברית"),
        ("Ø±Ø³Ø§Ù„Ø©", "رسالة"),
        ("æ—¥æœ¬èªž", "日本語"),
        ("Hi guys í\u{a0}½í¸\u{8d}", "Hi guys 😍"),
        (
            "line one\nItâ€™s line two\r\nline three",
            "line one\nIt’s line two\r\nline three",
        ),
        // Must stay unchanged.
        ("It’s “fine” — really…", "It’s “fine” — really…"),
        (
            "Gümrükçü met officials in Zürich and São Paulo.",
            "Gümrükçü met officials in Zürich and São Paulo.",
        ),
        ("SÃO PAULO", "SÃO PAULO"),
        ("C O N C L U S Ã O", "C O N C L U S Ã O"),
        ("Ærø and Ðorđe", "Ærø and Ðorđe"),
        ("NESTLÉ® products", "NESTLÉ® products"),
        ("Join ZZAJÉ’s list", "Join ZZAJÉ’s list"),
        (
            "There are a lot of Ã’s in mojibake text",
            "There are a lot of Ã’s in mojibake text",
        ),
        ("Charlotte Brontë…”", "Charlotte Brontë…”"),
        ("Offering 5×£35", "Offering 5×£35"),
        ("a radius of 10 Å—", "a radius of 10 Å—"),
        ("AHÅ™, the new sofa", "AHÅ™, the new sofa"),
        ("MISUTÂ\u{a0}AJIKKO", "MISUTÂ\u{a0}AJIKKO"),
        (
            "SELKÄ\u{a0}EDELLÄ\u{a0}MAAHAN",
            "SELKÄ\u{a0}EDELLÄ\u{a0}MAAHAN",
        ),
        ("HÅØYA ER BLÅØYD", "HÅØYA ER BLÅØYD"),
        ("Bremer/Mccoy – DrÃ¥ber", "Bremer/Mccoy – DrÃ¥ber"),
        ("ВІКІ is Ukrainian", "ВІКІ is Ukrainian"),
        (
            "Москва, 北京, القاهرة, Αθήνα",
            "Москва, 北京, القاهرة, Αθήνα",
        ),
        ("ã†â€™ãƒâ€ ã¢â‚¬â„¢", "ã†â€™ãƒâ€ ã¢â‚¬â„¢"),
        ("control \u{1a} and \u{81}", "control \u{1a} and \u{81}"),
        ("10 °C, © 2024, ½ cup, ±5 %", "10 °C, © 2024, ½ cup, ±5 %"),
        ("", ""),
    ];

    #[test]
    fn case_table() {
        let mut failures = Vec::new();
        for &(input, expected) in CASES {
            let got = fix_mojibake(input);
            if got != expected {
                failures.push(format!("{input:?}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn spans_are_byte_ranges_in_order() {
        let text = "Dear cafÃ© owner, itâ€™s nice.\nNo problem here.\nAnother â€œquoteâ€\u{9d}.";
        let fixes = find_mojibake(text);
        let spans: Vec<&str> = fixes.iter().map(|f| &text[f.span.clone()]).collect();
        assert_eq!(spans, ["Ã©", "â€™", "â€œ", "â€\u{9d}"]);
        let replacements: Vec<&str> = fixes.iter().map(|f| f.replacement.as_str()).collect();
        assert_eq!(replacements, ["é", "’", "“", "”"]);
    }

    #[test]
    fn confidence_follows_clarity() {
        let confidences =
            |text: &str| -> Vec<f32> { find_mojibake(text).iter().map(|f| f.confidence).collect() };
        assert_eq!(confidences("Itâ€™s"), [0.99]);
        assert_eq!(confidences("doesnÃ¢â‚¬â„¢t"), [0.99]);
        assert_eq!(confidences("cafÃ©"), [0.95]);
        assert_eq!(confidences("namedÂ\u{a0}after"), [0.85]);
        assert_eq!(confidences("a \u{93}quote\u{94}"), [0.9, 0.9]);
        assert_eq!(confidences("â€œlossyâ€�"), [0.99, 0.7]);
    }

    #[test]
    fn clean_text_has_no_suspects() {
        let clean = "It’s “fine” — Gümrükçü, Zürich, São Paulo, naïve café, 10 °C, © 2024, \u{a0}";
        assert_eq!(next_suspect(clean, 0), None);
        assert!(next_suspect("cafÃ©", 0).is_some());
        assert!(next_suspect("x\u{92}y", 0).is_some());
        assert!(next_suspect("voilÃ le", 0).is_some());
    }

    /// Every line through the full algorithm, without the prefilter.
    fn find_unfiltered(text: &str) -> Vec<MojibakeFix> {
        let mut fixes = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            fix_line(line, start, &mut fixes);
            start += line.len() + 1;
        }
        fixes
    }

    /// Random strings over characters that mojibake is made of: no panics, well-formed
    /// spans, and the prefilter never hides a repair.
    #[test]
    fn random_strings() {
        const ALPHABET: &[char] = &[
            'a', 'e', 's', 'T', 'O', ' ', ' ', '\n', '?', '.', 'Ã', 'Â', 'â', 'Ä', 'Å', 'Ø', 'Ù',
            'à', 'á', 'é', 'í', 'ð', 'ó', 'ï', '€', '™', '’', '“', '…', '—', 'Ÿ', 'š', '©', '¢',
            '¬', '¼', '«', '°', '\u{a0}', '\u{ad}', '\u{81}', '\u{85}', '\u{92}', '\u{9d}',
            '\u{fffd}', '\u{1a}', 'ğ', 'Ж', '日',
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let text: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            let fixes = find_mojibake(&text);
            let mut end = 0;
            for fix in &fixes {
                assert!(
                    fix.span.start >= end && fix.span.start < fix.span.end,
                    "{text:?}"
                );
                assert!(text.is_char_boundary(fix.span.start), "{text:?}");
                assert!(text.is_char_boundary(fix.span.end), "{text:?}");
                assert!((0.0..=1.0).contains(&fix.confidence));
                assert_ne!(&text[fix.span.clone()], fix.replacement, "{text:?}");
                end = fix.span.end;
            }
            assert_eq!(fixes, find_unfiltered(&text), "{text:?}");
        }
    }

    /// Mojibake made from real text, once and twice over, is repaired exactly.
    #[test]
    fn round_trips() {
        fn cp1252(text: &str) -> String {
            text.bytes()
                .map(|b| match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect()
        }
        let texts = [
            "Erdoğan’s “reform” — Gümrükçü said in Zürich, São Paulo and Kraków…",
            "Mélenchon, Dvořák, Łódź, Šiauliai, Þórdís, Sørensen, Nguyễn, Ålesund",
            "Αθήνα, Москва, 北京, القاهرة, ירושלים — 10 °C, © 2024, €5, 😍",
        ];
        for text in texts {
            assert_eq!(fix_mojibake(&cp1252(text)), text);
            assert_eq!(fix_mojibake(&cp1252(&cp1252(text))), text);
            let latin1: String = text.bytes().map(char::from).collect();
            assert_eq!(fix_mojibake(&latin1), text);
            assert_eq!(fix_mojibake(text), text);
        }
    }
}

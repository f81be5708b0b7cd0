//! Scoring a repaired text against a gold list of expected repairs (`tidings eval`).
//!
//! A faithful port of the team's `score.py`, so that users tuning dictionaries and the test
//! suite measure exactly what the evaluation measures. The gold file is tab-separated:
//!
//! ```text
//! id  category  required  find  options
//! ```
//! `find` is a snippet of the input containing one glitch (`\n` and `\t` escaped); every
//! occurrence is a record, except one inside a longer record's snippet. `options` lists the
//! acceptable rewrites separated by ` || `; `*` accepts any rewrite.
//!
//! The change from input to output is cut into hunks on a token alignment (difflib's
//! `SequenceMatcher` without autojunk, reimplemented here). A hunk touching no record is a
//! stray (false positive); a hunk inside a record whose rewrite is not an option is wrong.
//! Precision = correct repairs / all repairs made; recall = required records repaired
//! correctly / required records.

use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One expected repair, located in the input.
#[derive(Debug, Clone)]
pub struct GoldRecord {
    /// Record id (with `.k` appended when its snippet occurs several times).
    pub id: String,
    /// Category (`name`, `spacing`, `quote`, `casing`, …).
    pub category: String,
    /// A miss costs recall only when required.
    pub required: bool,
    /// Byte span of the snippet in the input.
    pub start: usize,
    /// End of the snippet.
    pub end: usize,
    /// The snippet.
    pub find: String,
    /// Acceptable rewrites (`*` accepts anything).
    pub options: Vec<String>,
}

/// What happened to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Left as it was.
    Untouched,
    /// Rewritten to an acceptable option.
    Fixed,
    /// Rewritten to something else.
    Wrong,
}

/// A record with its outcome and the text the output has there.
#[derive(Debug, Clone)]
pub struct RecordResult {
    /// The record.
    pub record: GoldRecord,
    /// Its outcome.
    pub outcome: Outcome,
    /// What the output has in its place.
    pub got: String,
}

/// A change that touched no record.
#[derive(Debug, Clone)]
pub struct Stray {
    /// Byte span in the input.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// What replaced it.
    pub replacement: String,
}

/// The scores of one input/output pair.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Correct repairs / all repairs made (1 when none were made).
    pub precision: f64,
    /// Required records fixed / required records (1 when there are none).
    pub recall: f64,
    /// Hunks that were correct, wrong or stray.
    pub repairs_made: usize,
    /// Records fixed acceptably.
    pub correct: usize,
    /// Records rewritten wrongly.
    pub wrong: usize,
    /// Changes outside every record.
    pub stray: usize,
    /// Required records.
    pub required: usize,
    /// Required records fixed.
    pub required_fixed: usize,
    /// `fixed/required` per category.
    pub recall_by_category: BTreeMap<String, String>,
}

/// The full result: summary plus per-record detail.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Totals.
    pub summary: Summary,
    /// Every record in input order.
    pub records: Vec<RecordResult>,
    /// Changes outside every record.
    pub strays: Vec<Stray>,
}

fn unescape(text: &str) -> String {
    text.replace("\\n", "\n").replace("\\t", "\t")
}

/// Reads a gold file and locates its records in `input`.
pub fn load_gold(path: &Path, gold: &str, input: &str) -> Result<Vec<GoldRecord>> {
    let mut records = Vec::new();
    for (index, line) in gold.lines().enumerate() {
        let number = index + 1;
        let error = |message: String| Error::Gold {
            path: path.to_owned(),
            line: number,
            message,
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('\t').collect();
        let [id, category, required, find, options] = parts[..] else {
            return Err(error(format!(
                "want 5 tab-separated columns, got {}",
                parts.len()
            )));
        };
        let find = unescape(find);
        let starts: Vec<usize> = if find.is_empty() {
            Vec::new()
        } else {
            input.match_indices(find.as_str()).map(|(i, _)| i).collect()
        };
        if starts.is_empty() {
            return Err(error(format!(
                "snippet {find:?} does not occur in the input"
            )));
        }
        let options: Vec<String> = options.split(" || ").map(unescape).collect();
        for (k, &start) in starts.iter().enumerate() {
            records.push(GoldRecord {
                id: if starts.len() == 1 {
                    id.to_owned()
                } else {
                    format!("{id}.{}", k + 1)
                },
                category: category.to_owned(),
                required: required == "1",
                start,
                end: start + find.len(),
                find: find.clone(),
                options: options.clone(),
            });
        }
    }
    // An occurrence inside a longer record's snippet is that record's business.
    let spans: Vec<(usize, usize)> = records.iter().map(|r| (r.start, r.end)).collect();
    let mut kept = Vec::with_capacity(records.len());
    for (i, record) in records.into_iter().enumerate() {
        let inside_longer = spans.iter().enumerate().any(|(j, &(s, e))| {
            j != i && s <= record.start && record.end <= e && e - s > record.end - record.start
        });
        if !inside_longer {
            kept.push(record);
        }
    }
    kept.sort_by_key(|r| r.start);
    for pair in kept.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(Error::Gold {
                path: path.to_owned(),
                line: 0,
                message: format!("gold records {} and {} overlap", pair[0].id, pair[1].id),
            });
        }
    }
    Ok(kept)
}

/// Token spans as `score.py` cuts them: runs of whitespace, runs of word characters, and
/// single other characters.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Space,
        Word,
        Other,
    }
    let class = |c: char| {
        if c.is_whitespace() {
            Class::Space
        } else if c.is_alphanumeric() || c == '_' {
            Class::Word
        } else {
            Class::Other
        }
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, Class)> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        match current {
            Some((_, previous)) if previous == k && k != Class::Other => {}
            Some((start, _)) => {
                out.push((start, i));
                current = Some((i, k));
            }
            None => current = Some((i, k)),
        }
    }
    if let Some((start, _)) = current {
        out.push((start, text.len()));
    }
    out
}

/// difflib's `SequenceMatcher(None, a, b, autojunk=False)`, matching blocks only.
fn matching_blocks(a: &[u32], b: &[u32]) -> Vec<(usize, usize, usize)> {
    let mut b2j: HashMap<u32, Vec<usize>> = HashMap::new();
    for (j, &x) in b.iter().enumerate() {
        b2j.entry(x).or_default().push(j);
    }
    let find_longest = |alo: usize, ahi: usize, blo: usize, bhi: usize| {
        let (mut best_i, mut best_j, mut best_size) = (alo, blo, 0usize);
        let mut j2len: HashMap<usize, usize> = HashMap::new();
        for (i, x) in a.iter().enumerate().take(ahi).skip(alo) {
            let mut next: HashMap<usize, usize> = HashMap::new();
            if let Some(js) = b2j.get(x) {
                for &j in js {
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    let k = j
                        .checked_sub(1)
                        .and_then(|p| j2len.get(&p))
                        .copied()
                        .unwrap_or(0)
                        + 1;
                    next.insert(j, k);
                    if k > best_size {
                        best_i = i + 1 - k;
                        best_j = j + 1 - k;
                        best_size = k;
                    }
                }
            }
            j2len = next;
        }
        (best_i, best_j, best_size)
    };
    let mut queue = vec![(0, a.len(), 0, b.len())];
    let mut blocks = Vec::new();
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = find_longest(alo, ahi, blo, bhi);
        if k > 0 {
            blocks.push((i, j, k));
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    blocks.sort_unstable();
    let mut collapsed = Vec::new();
    let (mut i1, mut j1, mut k1) = (0, 0, 0);
    for (i2, j2, k2) in blocks {
        if i1 + k1 == i2 && j1 + k1 == j2 {
            k1 += k2;
        } else {
            if k1 > 0 {
                collapsed.push((i1, j1, k1));
            }
            (i1, j1, k1) = (i2, j2, k2);
        }
    }
    if k1 > 0 {
        collapsed.push((i1, j1, k1));
    }
    collapsed.push((a.len(), b.len(), 0));
    collapsed
}

/// Byte ranges of `src` that changed, with their replacement text.
fn hunks<'a>(src: &'a str, dst: &'a str) -> Vec<(usize, usize, String)> {
    let a = tokens(src);
    let b = tokens(dst);
    let mut ids: HashMap<&'a str, u32> = HashMap::new();
    let mut intern = |s: &'a str| -> u32 {
        let next = ids.len() as u32;
        *ids.entry(s).or_insert(next)
    };
    let a_ids: Vec<u32> = a.iter().map(|&(s, e)| intern(&src[s..e])).collect();
    let b_ids: Vec<u32> = b.iter().map(|&(s, e)| intern(&dst[s..e])).collect();
    let mut out = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    for (ai, bj, size) in matching_blocks(&a_ids, &b_ids) {
        if i < ai || j < bj {
            let (i1, i2, j1, j2) = (i, ai, j, bj);
            let mut s = if i1 < a.len() { a[i1].0 } else { src.len() };
            let mut e = if i2 > i1 { a[i2 - 1].1 } else { s };
            if i2 == i1 && i1 > 0 && i1 >= a.len() {
                s = src.len();
                e = src.len();
            }
            let rs = if j1 < b.len() { b[j1].0 } else { dst.len() };
            let re = if j2 > j1 { b[j2 - 1].1 } else { rs };
            out.push((s, e, dst[rs..re].to_owned()));
        }
        i = ai + size;
        j = bj + size;
    }
    out
}

/// Scores `output` (a repair of `input`) against `records`.
pub fn score(input: &str, output: &str, records: Vec<GoldRecord>) -> Evaluation {
    let hs = hunks(input, output);
    let mut used = vec![false; hs.len()];
    let mut results = Vec::with_capacity(records.len());
    for record in records {
        let mine: Vec<usize> = hs
            .iter()
            .enumerate()
            .filter(|(_, (s, e, _))| {
                (*s < record.end && *e > record.start)
                    || (s == e && record.start <= *s && *s <= record.end)
                    || (*s == record.start && record.start == *e)
            })
            .map(|(i, _)| i)
            .collect();
        if mine.is_empty() {
            let got = record.find.clone();
            results.push(RecordResult {
                record,
                outcome: Outcome::Untouched,
                got,
            });
            continue;
        }
        let lo = mine
            .iter()
            .map(|&i| hs[i].0)
            .min()
            .unwrap_or(record.start)
            .min(record.start);
        let hi = mine
            .iter()
            .map(|&i| hs[i].1)
            .max()
            .unwrap_or(record.end)
            .max(record.end);
        let mut got = String::new();
        let mut position = lo;
        for &i in &mine {
            let (s, e, replacement) = &hs[i];
            got.push_str(&input[position..*s]);
            got.push_str(replacement);
            position = *e;
            used[i] = true;
        }
        got.push_str(&input[position..hi]);
        let prefix = &input[lo..record.start];
        let suffix = &input[record.end..hi];
        let ok = record.options.iter().any(|o| o == "*")
            || record.options.iter().any(|o| {
                got.len() == prefix.len() + o.len() + suffix.len()
                    && got.starts_with(prefix)
                    && got.ends_with(suffix)
                    && &got[prefix.len()..got.len() - suffix.len()] == o
            });
        results.push(RecordResult {
            record,
            outcome: if ok { Outcome::Fixed } else { Outcome::Wrong },
            got,
        });
    }
    let strays: Vec<Stray> = hs
        .into_iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|((start, end, replacement), _)| Stray {
            start,
            end,
            replacement,
        })
        .collect();
    let fixed = results
        .iter()
        .filter(|r| r.outcome == Outcome::Fixed)
        .count();
    let wrong = results
        .iter()
        .filter(|r| r.outcome == Outcome::Wrong)
        .count();
    let required: Vec<&RecordResult> = results.iter().filter(|r| r.record.required).collect();
    let required_fixed = required
        .iter()
        .filter(|r| r.outcome == Outcome::Fixed)
        .count();
    let made = fixed + wrong + strays.len();
    let mut by_category: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in &required {
        let entry = by_category.entry(r.record.category.clone()).or_default();
        entry.1 += 1;
        entry.0 += usize::from(r.outcome == Outcome::Fixed);
    }
    let round4 = |x: f64| (x * 10000.0).round() / 10000.0;
    let summary = Summary {
        precision: round4(if made > 0 {
            fixed as f64 / made as f64
        } else {
            1.0
        }),
        recall: round4(if required.is_empty() {
            1.0
        } else {
            required_fixed as f64 / required.len() as f64
        }),
        repairs_made: made,
        correct: fixed,
        wrong,
        stray: strays.len(),
        required: required.len(),
        required_fixed,
        recall_by_category: by_category
            .into_iter()
            .map(|(k, (f, t))| (k, format!("{f}/{t}")))
            .collect(),
    };
    Evaluation {
        summary,
        records: results,
        strays,
    }
}

impl Summary {
    /// The one-line form `score.py` prints: `precision=… recall=… …`.
    pub fn line(&self) -> String {
        let float = |x: f64| {
            if x.fract() == 0.0 {
                format!("{x:.1}")
            } else {
                format!("{x}")
            }
        };
        let categories: Vec<String> = self
            .recall_by_category
            .iter()
            .map(|(k, v)| format!("'{k}': '{v}'"))
            .collect();
        format!(
            "precision={} recall={} repairs_made={} correct={} wrong={} stray={} required={} required_fixed={} recall_by_category={{{}}}",
            float(self.precision),
            float(self.recall),
            self.repairs_made,
            self.correct,
            self.wrong,
            self.stray,
            self.required,
            self.required_fixed,
            categories.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evaluate(input: &str, output: &str, gold: &str) -> Evaluation {
        let records = load_gold(Path::new("g.tsv"), gold, input).unwrap();
        score(input, output, records)
    }

    const INPUT: &str = "a two -day summit with Pete HegeSth, then more.\n";
    const GOLD: &str = "# comment\ns1\tspacing\t1\ta two -day summit\ta two-day summit\ns2\tname\t1\tPete HegeSth,\tPete Hegseth,\n";

    #[test]
    fn perfect_repair() {
        let e = evaluate(
            INPUT,
            "a two-day summit with Pete Hegseth, then more.\n",
            GOLD,
        );
        assert_eq!(e.summary.precision, 1.0);
        assert_eq!(e.summary.recall, 1.0);
        assert_eq!(e.summary.correct, 2);
    }

    #[test]
    fn no_change_is_full_precision_zero_recall() {
        let e = evaluate(INPUT, INPUT, GOLD);
        assert_eq!(e.summary.precision, 1.0);
        assert_eq!(e.summary.recall, 0.0);
        assert_eq!(e.summary.repairs_made, 0);
    }

    #[test]
    fn wrong_fix_and_stray() {
        let e = evaluate(
            INPUT,
            "a two-day summit with Pete Hegset, then most.\n",
            GOLD,
        );
        assert_eq!(e.summary.correct, 1);
        assert_eq!(e.summary.wrong, 1);
        assert_eq!(e.summary.stray, 1);
        assert_eq!(e.summary.repairs_made, 3);
        assert!((e.summary.precision - 0.3333).abs() < 1e-9);
        assert_eq!(e.summary.recall, 0.5);
        assert_eq!(e.summary.recall_by_category["name"], "0/1");
    }

    #[test]
    fn repeated_snippets_are_separate_records_and_nested_ones_dropped() {
        let input = "x HegSeth y HegSeth z HegSeth supported\n";
        let gold =
            "a\tname\t1\tHegSeth\tHegseth\nb\tname\t1\tHegSeth supported\tHegseth supported\n";
        let records = load_gold(Path::new("g"), gold, input).unwrap();
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, vec!["a.1", "a.2", "b"]);
    }

    #[test]
    fn bad_gold_lines_are_errors() {
        assert!(load_gold(Path::new("g"), "a\tb\tc\n", "x").is_err());
        assert!(load_gold(Path::new("g"), "a\tname\t1\tmissing\tx\n", "text").is_err());
    }

    #[test]
    fn summary_line_matches_score_py_format() {
        let e = evaluate(INPUT, INPUT, GOLD);
        assert_eq!(
            e.summary.line(),
            "precision=1.0 recall=0.0 repairs_made=0 correct=0 wrong=0 stray=0 required=2 required_fixed=0 recall_by_category={'name': '0/1', 'spacing': '0/1'}"
        );
    }

    #[test]
    fn alignment_matches_difflib_on_insertions() {
        // difflib cuts an inserted space into its own hunk at the insertion point.
        let hs = hunks("unrealistic.He called", "unrealistic. He called");
        assert_eq!(hs, vec![(12, 12, " ".to_owned())]);
    }
}

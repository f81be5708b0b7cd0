//! Bare URLs, e-mail addresses, domain names, hashtags and @handles inside prose.
//!
//! These are protected even in plain text: "fixing" the spacing or case of a URL breaks it.

use std::ops::Range;

/// Top-level domains that make `word.tld` a domain name rather than two glued sentences.
const DOMAIN_SUFFIXES: &[&str] = &[
    "com", "org", "net", "gov", "edu", "int", "mil", "io", "co", "uk", "de", "fr", "ru", "ua",
    "eu", "info", "biz", "news", "tv", "me", "ai", "app", "dev", "us", "ca", "au", "in", "it",
    "es", "nl", "pl", "be", "ch", "at", "se", "no", "dk", "fi", "cz", "tr", "jp", "cn", "kr", "br",
    "gr", "pt", "ro", "hu", "bg", "ly", "gl", "to", "fm", "eu", "onion",
];

/// Pushes the parts of `segment` that are not URLs, addresses, domains, hashtags or handles.
pub(super) fn subtract_links(text: &str, segment: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut position = segment.start;
    let mut cursor = segment.start;
    let marks = crate::scan::byte_positions(&bytes[segment.clone()], [b':', b'@', b'.']);
    for at in marks.map(|i| segment.start + i) {
        if at < cursor {
            continue;
        }
        let link = match bytes[at] {
            b':' => url_at_colon(bytes, segment.clone(), at),
            b'@' => address_at(bytes, segment.clone(), at),
            _ => domain_at_dot(bytes, segment.clone(), at),
        };
        match link {
            Some(link) if link.start >= position => {
                if link.start > position {
                    out.push(position..link.start);
                }
                position = link.end;
                cursor = link.end;
            }
            _ => cursor = at + 1,
        }
    }
    // Hashtags are rare; a second cheap pass keeps the main loop simple.
    let mut rest = position..segment.end;
    let mut cursor = rest.start;
    while let Some(found) = memchr::memchr(b'#', &bytes[cursor..rest.end]) {
        let at = cursor + found;
        let starts_token = at == rest.start || bytes[at - 1].is_ascii_whitespace();
        let end = word_end(bytes, at + 1, rest.end);
        if starts_token && end > at + 1 && bytes[at + 1].is_ascii_alphabetic() {
            if at > rest.start {
                out.push(rest.start..at);
            }
            rest.start = end;
            cursor = end;
        } else {
            cursor = at + 1;
        }
    }
    if rest.start < rest.end {
        out.push(rest);
    }
}

fn word_end(bytes: &[u8], mut index: usize, limit: usize) -> usize {
    while index < limit && (bytes[index].is_ascii_alphanumeric() || bytes[index] == b'_') {
        index += 1;
    }
    index
}

fn is_url_byte(byte: u8) -> bool {
    byte.is_ascii() && !byte.is_ascii_whitespace() && !matches!(byte, b'<' | b'>' | b'"' | b'`')
}

/// End of a URL-like token starting at `start`, without trailing sentence punctuation.
fn url_end(bytes: &[u8], start: usize, limit: usize) -> usize {
    let mut end = start;
    while end < limit && is_url_byte(bytes[end]) {
        end += 1;
    }
    while end > start {
        let last = bytes[end - 1];
        let unbalanced_paren = last == b')' && {
            let inner = &bytes[start..end];
            inner.iter().filter(|&&b| b == b'(').count()
                < inner.iter().filter(|&&b| b == b')').count()
        };
        if matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b']')
            || unbalanced_paren
        {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

fn url_at_colon(bytes: &[u8], segment: Range<usize>, colon: usize) -> Option<Range<usize>> {
    let after = bytes.get(colon + 1..colon + 3)?;
    let mut start = colon;
    while start > segment.start && bytes[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    let scheme = std::str::from_utf8(&bytes[start..colon])
        .ok()?
        .to_ascii_lowercase();
    let known = matches!(
        scheme.as_str(),
        "http" | "https" | "ftp" | "ftps" | "sftp" | "file" | "ws" | "wss"
    );
    if (known && after == b"//") || scheme == "mailto" {
        let end = url_end(bytes, colon + 1, segment.end);
        return (end > colon + 1).then_some(start..end);
    }
    None
}

fn address_at(bytes: &[u8], segment: Range<usize>, at: usize) -> Option<Range<usize>> {
    let is_local =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut start = at;
    while start > segment.start && is_local(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < segment.end
        && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'.' | b'-' | b'_'))
    {
        end += 1;
    }
    while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    if end == at + 1 {
        return None;
    }
    if start == at {
        // A handle: "@reuters", but not "2 @ 3".
        let starts_token =
            at == segment.start || bytes[at - 1].is_ascii_whitespace() || bytes[at - 1] == b'(';
        return starts_token.then_some(at..end);
    }
    bytes[at + 1..end].contains(&b'.').then_some(start..end)
}

fn domain_at_dot(bytes: &[u8], segment: Range<usize>, dot: usize) -> Option<Range<usize>> {
    let next = *bytes.get(dot + 1)?;
    if dot == segment.start
        || !bytes[dot - 1].is_ascii_alphanumeric()
        || !next.is_ascii_alphabetic()
    {
        return None;
    }
    let mut start = dot;
    while start > segment.start
        && (bytes[start - 1].is_ascii_alphanumeric()
            || matches!(bytes[start - 1], b'.' | b'-' | b'/'))
    {
        start -= 1;
    }
    if start > segment.start {
        let before = bytes[start - 1];
        let token_start = before.is_ascii_whitespace()
            || matches!(before, b'(' | b'"' | b'\'' | b'[')
            || before >= 0x80;
        if !token_start {
            return None;
        }
    }
    let end = url_end(bytes, dot, segment.end);
    let token = std::str::from_utf8(&bytes[start..end]).ok()?;
    let host = token.split('/').next()?;
    let suffix = host.rsplit('.').next()?;
    let is_domain = host.contains('.')
        && suffix.len() >= 2
        && DOMAIN_SUFFIXES.contains(&suffix)
        && suffix.bytes().all(|b| b.is_ascii_lowercase());
    is_domain.then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected(text: &str) -> Vec<&str> {
        let mut prose = Vec::new();
        subtract_links(text, 0..text.len(), &mut prose);
        let mut out = Vec::new();
        let mut position = 0;
        for r in prose {
            if r.start > position {
                out.push(&text[position..r.start]);
            }
            position = r.end;
        }
        if position < text.len() {
            out.push(&text[position..]);
        }
        out
    }

    #[test]
    fn finds_links_and_addresses() {
        assert_eq!(
            protected("Go to https://x.com/a(b)."),
            vec!["https://x.com/a(b)"]
        );
        assert_eq!(protected("(see http://a.b/c)"), vec!["http://a.b/c"]);
        assert_eq!(
            protected("mail desk@reuters.com."),
            vec!["desk@reuters.com"]
        );
        assert_eq!(
            protected("visit www.bbc.co.uk today"),
            vec!["www.bbc.co.uk"]
        );
        assert_eq!(
            protected("on Reuters.com and x.org"),
            vec!["Reuters.com", "x.org"]
        );
        assert_eq!(
            protected("follow @Reuters and #Ukraine now"),
            vec!["@Reuters", "#Ukraine"]
        );
    }

    #[test]
    fn ordinary_prose_is_not_a_link() {
        assert!(protected("It was 3.5 per cent. He said: no. U.S. officials at 10:30.").is_empty());
        assert!(protected("Node.js and e.g. this, 2 @ 3").is_empty());
        assert!(protected("unrealistic.He called").is_empty());
    }
}

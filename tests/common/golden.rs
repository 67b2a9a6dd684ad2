//! The escaping of `fixtures/vader/*.tsv` (see `fixtures/vader/README.md`),
//! shared by the parity test and the sentiment benchmark.

/// Undoes the golden file's escaping (`\\`, `\t`, `\n`, `\r`).
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            other => panic!("bad escape \\{other:?} in {s:?}"),
        }
    }
    out
}

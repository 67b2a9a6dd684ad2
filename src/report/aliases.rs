//! Aliases: names a corpus spells differently for one person.
//!
//! Names in the tables are canonical *per document* (the fullest name an
//! article uses), but a corpus may still call one person "Ye" in one article
//! and "Kanye West" in another. An aliases file maps such names to one
//! canonical name before anything is counted, so the person's statements
//! and stances are merged. Format: TSV, `alias<TAB>canonical`, one pair a
//! line; blank lines and lines starting with `#` are skipped. Matching is
//! exact after collapsing white space (names are proper nouns: "Will" and
//! "will" are not the same word).
//!
//! ```
//! use newstance::report::Aliases;
//! let a = Aliases::parse("Ye\tKanye West\n", "aliases.tsv").unwrap();
//! assert_eq!(a.canonical("Ye"), "Kanye West");
//! assert_eq!(a.canonical("John Legend"), "John Legend");
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::output::collapse_ws;

/// A map from alias to canonical name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aliases {
    map: BTreeMap<String, String>,
}

impl Aliases {
    /// No aliases: every name is its own canonical name.
    pub fn new() -> Aliases {
        Aliases::default()
    }

    /// Loads an aliases file; errors name the file and line.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Aliases> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Aliases::parse(&text, path)
    }

    /// Parses the TSV text of an aliases file (`path` is for messages).
    ///
    /// Rejected, with the line: a line without exactly one tab, an empty
    /// alias or canonical name, an alias given two different canonical
    /// names, and a canonical name that is itself an alias (chains would
    /// make the result depend on the order of lines).
    pub fn parse(text: &str, path: impl AsRef<Path>) -> Result<Aliases> {
        let path = path.as_ref();
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        let mut targets: BTreeMap<String, u64> = BTreeMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i as u64 + 1;
            let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
            if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
                continue;
            }
            let mut fields = raw.split('\t');
            let (Some(alias), Some(canonical), None) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(Error::lexicon(
                    path,
                    line,
                    "expected `alias<TAB>canonical` (exactly one tab)",
                ));
            };
            let (alias, canonical) = (collapse_ws(alias), collapse_ws(canonical));
            if alias.is_empty() || canonical.is_empty() {
                return Err(Error::lexicon(path, line, "empty alias or canonical name"));
            }
            if alias == canonical {
                continue;
            }
            if let Some(old) = map.get(&alias)
                && *old != canonical
            {
                return Err(Error::lexicon(
                    path,
                    line,
                    format!("`{alias}` is already an alias of `{old}`, not `{canonical}`"),
                ));
            }
            targets.entry(canonical.clone()).or_insert(line);
            map.insert(alias, canonical);
        }
        for (canonical, line) in &targets {
            if let Some(other) = map.get(canonical) {
                return Err(Error::lexicon(
                    path,
                    *line,
                    format!(
                        "canonical name `{canonical}` is itself an alias of `{other}`; \
                         map every alias straight to the final name"
                    ),
                ));
            }
        }
        Ok(Aliases { map })
    }

    /// The canonical name of `name`; `name` itself when it is no alias.
    /// Callers collapse white space first (the tables already do).
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.map.get(name).map_or(name, String::as_str)
    }

    /// Number of aliases.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The (alias, canonical) pairs, sorted by alias.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(a, c)| (a.as_str(), c.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_aliases_and_keeps_other_names() {
        let a = Aliases::parse(
            "# people\nYe\tKanye West\n\nLegend\tJohn Legend\nKanye West\tKanye West\n",
            "a.tsv",
        )
        .unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a.canonical("Ye"), "Kanye West");
        assert_eq!(a.canonical("Legend"), "John Legend");
        assert_eq!(a.canonical("Kanye West"), "Kanye West");
        assert_eq!(a.canonical("ye"), "ye");
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = Aliases::parse("Ye\tKanye West\nno tab here\n", "a.tsv").unwrap_err();
        assert_eq!(e.line(), Some(2));
        assert!(e.to_string().starts_with("a.tsv:2: "), "{e}");
        let e = Aliases::parse("Ye\tKanye West\nYe\tKanye\n", "a.tsv").unwrap_err();
        assert_eq!(e.line(), Some(2));
        let e = Aliases::parse("a\tb\tc\n", "a.tsv").unwrap_err();
        assert_eq!(e.line(), Some(1));
        let e = Aliases::parse("\tKanye\n", "a.tsv").unwrap_err();
        assert_eq!(e.line(), Some(1));
    }

    #[test]
    fn chains_are_rejected() {
        let e = Aliases::parse("Ye\tKanye\nKanye\tKanye West\n", "a.tsv").unwrap_err();
        assert_eq!(e.line(), Some(1), "{e}");
    }

    #[test]
    fn missing_file_is_an_error_naming_it() {
        let e = Aliases::from_file("/nonexistent/aliases.tsv").unwrap_err();
        assert!(e.to_string().contains("/nonexistent/aliases.tsv"));
    }
}

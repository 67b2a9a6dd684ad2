//! People: person names, their titles, and per-document aliases.
//!
//! A name is a run of capitalized words that are not function words, with
//! inner initials ("Donald J. Trump") and particles ("Beto de la Cruz"). A
//! sentence's first word counts only if the document never uses it in
//! lowercase (so "Legend admitted" is a name but "Get Lifted" is not, since
//! the article also says "get"). Runs with a non-person word ("The Axe Files",
//! "Vanity Fair", "GOOD Music") or after a determiner ("the Republican
//! National Convention") are not people. Runs of two to four words are
//! people; a single word is a person when it is an alias of one (the first
//! or last word, or the initials, of a fuller name in the document: John
//! Legend = Legend = John = JL) or has some evidence: a title ("Mr."), a role
//! before it ("host"), a known first name, or a cue verb after it ("Melanie
//! said"). Aliases resolve to the most recently mentioned matching person.

use super::lexicon::{CueClass, Gender, HashMap, HashSet, Lexicons};
use super::tokens::Tok;
use crate::span::Span;

/// What the stage knows about one person while it works.
#[derive(Clone, Debug)]
pub struct PersonInfo<'a> {
    /// Canonical (fullest) name.
    pub name: String,
    /// The canonical name's words, lowercased (borrowed from the tokens).
    pub words: Vec<&'a str>,
    /// Other surface forms, in order of first use.
    pub aliases: Vec<String>,
    /// Gender from first name, title, role or resolved pronouns.
    pub gender: Gender,
    /// Roles used for them ("host", "singer").
    pub roles: Vec<String>,
}

/// A proper name in the text: a person's, or a non-person's (`person: None`).
#[derive(Clone, Debug)]
pub struct NameRef {
    /// Last token of the name.
    pub last: usize,
    /// First token including a title or determiner before the name.
    pub head: usize,
    /// Byte span of the name.
    pub span: Span,
    /// The person, or `None` for an organisation, work or place.
    pub person: Option<usize>,
    /// Known not to be a person (a non-person word, an acronym, after a
    /// determiner), as opposed to a capitalized word nothing is known about.
    pub nonperson: bool,
}

struct Run {
    head: usize,
    /// The name's tokens, as a range of the shared token list.
    name_toks: std::ops::Range<usize>,
    /// How many of them are not a period.
    nwords: usize,
    title: Option<String>,
    role: Option<String>,
    nonperson: bool,
}

const PARTICLES: [&str; 10] = [
    "de", "van", "von", "bin", "da", "del", "la", "le", "al", "di",
];

const PRONOUNS: [&str; 12] = [
    "i", "he", "she", "we", "they", "you", "it", "him", "her", "me", "us", "them",
];

fn sentence_initial(toks: &[Tok], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let p = &toks[i - 1];
    p.para != toks[i].para
        || p.sent != toks[i].sent
        || p.mark
        || matches!(p.low(), "." | "!" | "?" | ":" | "(" | "[" | "—" | "–" | "…")
}

/// Finds the people of a document and every proper-name reference.
/// `nwords` is the number of distinct words (token ids).
pub fn find<'a>(
    text: &str,
    toks: &[Tok<'a>],
    nwords: usize,
    lex: &Lexicons,
) -> (Vec<PersonInfo<'a>>, Vec<NameRef>) {
    // Words the document uses in lowercase, by id.
    let mut lower_seen = vec![false; nwords];
    for t in toks.iter().filter(|t| t.word && !t.cap) {
        lower_seen[t.id as usize] = true;
    }
    let seen_lower = |t: &Tok| lower_seen[t.id as usize];
    let is_title = |i: usize| toks[i].word && toks[i].cap && toks[i].info.title.is_some();
    let name_like = |i: usize| -> bool {
        let t = &toks[i];
        if !t.word || !t.cap || t.lower.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        if t.info.stopword || PRONOUNS.contains(&t.low()) {
            return false;
        }
        if t.info.title.is_some() && t.info.first_name.is_none() {
            return false;
        }
        !(sentence_initial(toks, i) && seen_lower(t))
    };

    // 1. Runs of name words.
    let mut runs: Vec<Run> = Vec::new();
    // The runs' name tokens, one after the other.
    let mut pool: Vec<usize> = Vec::new();
    let mut words: Vec<usize> = Vec::new();
    let mut phrase = String::new();
    let mut i = 0;
    while i < toks.len() {
        // A name or title starts with a capitalized word.
        if !(toks[i].word && toks[i].cap) {
            i += 1;
            continue;
        }
        let head = i;
        let mut title = None;
        let mut j = i;
        // Titles, each optionally followed by a period ("Sen. Ted Cruz").
        while j < toks.len() && is_title(j) {
            let mut k = j + 1;
            if k < toks.len() && toks[k].lower == "." {
                k += 1;
            }
            if k < toks.len() && (name_like(k) || is_title(k)) && toks[k].sent == toks[j].sent {
                title = Some(toks[j].lower.to_string());
                j = k;
            } else {
                break;
            }
        }
        if j >= toks.len() || !name_like(j) {
            i = head + 1;
            continue;
        }
        let from = pool.len();
        pool.push(j);
        let mut k = j;
        while !toks[k].poss {
            let n = k + 1;
            // Inside a name a title word is a surname ("Charlie King").
            let cont = n < toks.len()
                && toks[n].sent == toks[k].sent
                && (name_like(n)
                    || (toks[n].word
                        && toks[n].cap
                        && toks[n].info.title.is_some()
                        && toks.get(n + 1).is_none_or(|t| t.lower != ".")
                        && !toks.get(n + 1).is_some_and(|t| t.word && t.cap)));
            if cont {
                pool.push(n);
                k = n;
                continue;
            }
            // Initial: "J." before another name word.
            if toks[k].cap
                && n + 1 < toks.len()
                && toks[n].lower == "."
                && toks[k].lower.split('.').all(|x| x.chars().count() == 1)
                && name_like(n + 1)
            {
                pool.push(n + 1);
                k = n + 1;
                continue;
            }
            if n + 1 < toks.len()
                && toks[n].word
                && PARTICLES.contains(&toks[n].low())
                && name_like(n + 1)
            {
                pool.push(n);
                pool.push(n + 1);
                k = n + 1;
                continue;
            }
            break;
        }
        // A lowercase role or title just before: "host David Axelrod".
        let role = head
            .checked_sub(1)
            .filter(|&b| toks[b].word && !toks[b].cap && toks[b].sent == toks[head].sent)
            .and_then(|b| {
                let w = toks[b].lower.rsplit('-').next().unwrap_or("");
                toks[b].tail_title_or_role.then(|| w.to_string())
            });
        let after_det = head.checked_sub(1).is_some_and(|b| {
            toks[b].sent == toks[head].sent && matches!(toks[b].low(), "the" | "a" | "an")
        });
        let name_toks = &pool[from..];
        words.clear();
        words.extend(
            name_toks
                .iter()
                .copied()
                .filter(|&t| !PARTICLES.contains(&toks[t].low())),
        );
        let acronym = name_toks.iter().any(|&t| {
            let s = toks[t].span.of(text);
            s.chars().count() >= 4 && s.chars().all(|c| c.is_uppercase() || c == '.')
        });
        // The whole phrase and each pair of words in the non-person list
        // (single words were looked up with their tokens).
        let mut phrase_nonperson = || {
            phrase.clear();
            for (n, &t) in words.iter().enumerate() {
                if n > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(toks[t].low());
            }
            lex.nonperson.contains(phrase.as_str())
                || words.windows(2).any(|w| {
                    phrase.clear();
                    phrase.push_str(toks[w[0]].low());
                    phrase.push(' ');
                    phrase.push_str(toks[w[1]].low());
                    lex.nonperson.contains(phrase.as_str())
                })
        };
        let nonperson = acronym
            || words.len() > 4
            || words.iter().any(|&t| toks[t].info.nonperson)
            || (after_det && title.is_none())
            // "album Get Lifted": a common word ("get") heads no name unless
            // it is a known first name ("Will", "Hope") or titled.
            || (words.len() > 1
                && title.is_none()
                && seen_lower(&toks[words[0]])
                && toks[words[0]].info.first_name.is_none())
            || (words.len() > 1 && phrase_nonperson());
        let nwords = name_toks.iter().filter(|&&t| toks[t].lower != ".").count();
        runs.push(Run {
            head,
            name_toks: from..pool.len(),
            nwords,
            title,
            role,
            nonperson,
        });
        i = k + 1;
    }

    // 2. People from multi-word names, except in headlines, where every
    // word is capitalized ("Obama Sees 'Personal Insult'").
    let npara = toks.last().map_or(0, |t| t.para as usize + 1);
    let mut caps = vec![(0usize, 0usize); npara];
    for t in toks.iter().filter(|t| t.word) {
        caps[t.para as usize].0 += t.cap as usize;
        caps[t.para as usize].1 += 1;
    }
    let headline: Vec<bool> = caps
        .iter()
        .map(|&(c, n)| (3..=25).contains(&n) && c * 10 >= n * 6)
        .collect();
    let mut people: Vec<PersonInfo<'a>> = Vec::new();
    let mut by_ends: HashMap<(&str, &str), usize> = HashMap::default();
    let mut first_pos: Vec<usize> = Vec::new();
    let mut run_person: Vec<Option<usize>> = vec![None; runs.len()];
    let nt = |r: &Run| &pool[r.name_toks.clone()];
    // The name as written, white space normalized, into `out`.
    let name_into = |r: &Run, out: &mut String| {
        let a = toks[nt(r)[0]].span.start;
        let b = toks[*nt(r).last().unwrap()].span.end;
        out.clear();
        for (n, w) in text[a..b].split_whitespace().enumerate() {
            if n > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    };
    let name_of = |r: &Run| -> String {
        let (a, b) = (
            toks[nt(r)[0]].span.start,
            toks[*nt(r).last().unwrap()].span.end,
        );
        let mut s = String::with_capacity(b - a);
        name_into(r, &mut s);
        s
    };
    // The name's words (without periods), lowercased.
    let word_toks = |r: &Run| nt(r).iter().copied().filter(|&t| toks[t].lower != ".");
    let words_of = |r: &Run| -> Vec<&'a str> { word_toks(r).map(|t| toks[t].lower).collect() };
    for (ri, r) in runs.iter().enumerate() {
        if r.nonperson || r.nwords < 2 || headline[toks[r.head].para as usize] {
            continue;
        }
        let first = word_toks(r).next().unwrap();
        let last = word_toks(r).next_back().unwrap();
        let key = (toks[first].low(), toks[last].low());
        let found = by_ends.get(&key).copied();
        let id = match found {
            Some(id) => {
                if r.nwords > people[id].words.len() {
                    let old = std::mem::replace(&mut people[id].name, name_of(r));
                    people[id].words = words_of(r);
                    people[id].aliases.push(old);
                }
                id
            }
            None => {
                people.push(PersonInfo {
                    name: name_of(r),
                    gender: toks[first].info.first_name.unwrap_or(Gender::Unknown),
                    words: words_of(r),
                    aliases: Vec::new(),
                    roles: Vec::new(),
                });
                first_pos.push(r.head);
                by_ends.insert(key, people.len() - 1);
                people.len() - 1
            }
        };
        run_person[ri] = Some(id);
    }
    // The single words that can name each person: the first or last word,
    // the initials (of two or more words), or the whole one-word name. A
    // document has few people, so a scan beats a map of owned keys.
    let mut initials: Vec<String> = people
        .iter()
        .map(|p| {
            let s: String = p
                .words
                .iter()
                .filter_map(|x| x.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            if s.chars().count() >= 2 {
                s
            } else {
                String::new()
            }
        })
        .collect();
    let names_person = |p: &PersonInfo, initials: &str, w: &str| {
        p.words[0] == w
            || p.words[p.words.len() - 1] == w
            || (!initials.is_empty() && initials == w)
    };

    // 3. Single words: aliases of the people above, or people of their own
    // when some occurrence in the document shows it is a person ("Sanders
    // compared himself ..." is a person because "Sanders said" is).
    let single_evidence = |r: &Run| -> bool {
        let last = *nt(r).last().unwrap();
        let cue_after = (last + 1..toks.len().min(last + 3))
            .any(|k| toks[k].sent == toks[r.head].sent && toks[k].info.cue.is_some())
            && !toks[last].poss;
        let inverted = r
            .head
            .checked_sub(1)
            .is_some_and(|b| toks[b].info.cue == Some(CueClass::Speech));
        r.title.is_some()
            || r.role.is_some()
            || toks[last].info.first_name.is_some()
            || cue_after
            || inverted
    };
    let evidenced: HashSet<&str> = runs
        .iter()
        .filter(|r| !r.nonperson && r.name_toks.len() == 1 && single_evidence(r))
        .map(|r| toks[nt(r)[0]].low())
        .collect();
    let mut cands: Vec<usize> = Vec::new();
    let mut last_seen: Vec<Option<usize>> = vec![None; people.len()];
    for ri in 0..runs.len() {
        let r = &runs[ri];
        if let Some(p) = run_person[ri] {
            last_seen[p] = Some(r.head);
            continue;
        }
        if r.nonperson {
            continue;
        }
        if r.nwords != 1 {
            continue;
        }
        let w = toks[word_toks(r).next().unwrap()].lower;
        let surface = toks[nt(r)[0]].span.of(text);
        cands.clear();
        let acronym = surface.chars().count() >= 2 && surface.chars().all(|c| c.is_uppercase());
        cands.extend((0..people.len()).filter(|&p| {
            names_person(&people[p], &initials[p], w)
                || (acronym && names_person(&people[p], &initials[p], surface))
        }));
        let before = cands
            .iter()
            .filter_map(|&p| last_seen[p].map(|s| (s, p)))
            .max()
            .map(|(_, p)| p);
        let after = cands
            .iter()
            .filter(|&&p| first_pos[p] > r.head)
            .min_by_key(|&&p| first_pos[p])
            .copied();
        let id = match before.or(after) {
            Some(p) => Some(p),
            None => {
                let evidence = single_evidence(r) || evidenced.contains(w);
                evidence.then(|| {
                    people.push(PersonInfo {
                        name: surface.to_string(),
                        words: vec![w],
                        aliases: Vec::new(),
                        gender: toks[nt(r)[0]].info.first_name.unwrap_or(Gender::Unknown),
                        roles: Vec::new(),
                    });
                    first_pos.push(r.head);
                    last_seen.push(None);
                    initials.push(String::new());
                    people.len() - 1
                })
            }
        };
        if let Some(p) = id {
            last_seen[p] = Some(r.head);
            run_person[ri] = Some(p);
        }
    }

    // 4. Aliases, titles and roles; the references.
    let mut refs = Vec::with_capacity(runs.len());
    let mut surface = String::new();
    for (ri, r) in runs.iter().enumerate() {
        let first = nt(r)[0];
        let last = *nt(r).last().unwrap();
        let span = Span::new(toks[first].span.start, toks[last].span.end);
        if let Some(p) = run_person[ri] {
            name_into(r, &mut surface);
            let person = &mut people[p];
            if surface != person.name && !person.aliases.contains(&surface) {
                person.aliases.push(surface.clone());
            }
            for t in r.title.iter().chain(r.role.iter()) {
                if let Some(&g) = lex.titles.get(t).or_else(|| lex.roles.get(t))
                    && g != Gender::Unknown
                {
                    person.gender = g;
                }
                if !person.roles.contains(t) {
                    person.roles.push(t.clone());
                }
            }
        }
        refs.push(NameRef {
            last,
            head: r.head,
            span,
            person: run_person[ri],
            nonperson: r.nonperson || r.name_toks.len() > 1 || !sentence_initial(toks, r.head),
        });
    }
    // The fullest name may have come after a shorter alias: drop aliases
    // equal to the final name.
    for p in &mut people {
        let PersonInfo { name, aliases, .. } = p;
        aliases.retain(|a| a != name);
    }
    (people, refs)
}

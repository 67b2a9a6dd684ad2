//! Unit tests of the splitter's rules, one per kind of case. Each names the
//! case it guards; the texts are ordinary news prose, not tuned fixtures.

use super::*;

fn split(text: &str) -> Vec<&str> {
    Splitter::new()
        .split(text)
        .iter()
        .map(|s| s.span.of(text))
        .collect()
}

fn paragraphs(text: &str) -> Vec<usize> {
    Splitter::new()
        .split(text)
        .iter()
        .map(|s| s.paragraph)
        .collect()
}

#[test]
fn titles_never_end_a_sentence_before_a_name() {
    assert_eq!(
        split("Sen. Elizabeth Warren and Gov. Gavin Newsom met Dr. Fauci. They talked."),
        [
            "Sen. Elizabeth Warren and Gov. Gavin Newsom met Dr. Fauci.",
            "They talked."
        ]
    );
    assert_eq!(
        split("Mr. and Mrs. Smith left."),
        ["Mr. and Mrs. Smith left."]
    );
}

#[test]
fn acronyms_end_a_sentence_only_before_a_sentence_starter() {
    assert_eq!(
        split("U.S. officials met U.K. Prime Minister Rishi Sunak in the U.S. The talks failed."),
        [
            "U.S. officials met U.K. Prime Minister Rishi Sunak in the U.S.",
            "The talks failed."
        ]
    );
    assert_eq!(
        split("Apple Inc. Chief Executive Tim Cook spoke. Shares of Acme Inc. But not all."),
        [
            "Apple Inc. Chief Executive Tim Cook spoke.",
            "Shares of Acme Inc.",
            "But not all."
        ]
    );
}

#[test]
fn a_quotation_after_an_acronym_starts_a_sentence() {
    assert_eq!(
        split("He spoke in Binghamton, N.Y. \u{201c}Secretary Clinton lied,\u{201d} he said."),
        [
            "He spoke in Binghamton, N.Y.",
            "\u{201c}Secretary Clinton lied,\u{201d} he said."
        ]
    );
}

#[test]
fn a_nickname_in_quotes_after_initials_is_no_quotation() {
    assert_eq!(
        split("He was represented by Gov. C.L. \"Butch\" Otter (R-Idaho)."),
        ["He was represented by Gov. C.L. \"Butch\" Otter (R-Idaho)."]
    );
}

#[test]
fn months_and_numbers_before_digits() {
    assert_eq!(
        split("The vote on Jan. 6 was No. 1 on p. 12 of the report. It passed."),
        [
            "The vote on Jan. 6 was No. 1 on p. 12 of the report.",
            "It passed."
        ]
    );
    // A month abbreviation before a capital may end the sentence.
    assert_eq!(
        split("It opened in Sept. The crowds came."),
        ["It opened in Sept.", "The crowds came."]
    );
}

#[test]
fn a_m_and_p_m() {
    assert_eq!(
        split("Polls close at 8 p.m. ET on Tuesday. Results come at 9 p.m. Officials said so."),
        [
            "Polls close at 8 p.m. ET on Tuesday.",
            "Results come at 9 p.m.",
            "Officials said so."
        ]
    );
    // A fronted time phrase is not a sentence on its own.
    assert_eq!(
        split("By 9 a.m. Sunday, the Rev. Al Sharpton spoke."),
        ["By 9 a.m. Sunday, the Rev. Al Sharpton spoke."]
    );
}

#[test]
fn states_after_a_city() {
    assert_eq!(
        split("It happened in Oceanside, Calif. Sheppard said so. Oakland, Calif., police agreed."),
        [
            "It happened in Oceanside, Calif.",
            "Sheppard said so.",
            "Oakland, Calif., police agreed."
        ]
    );
    assert_eq!(
        split("RENO, Nev. (AP) \u{2014} Trump spoke."),
        ["RENO, Nev. (AP) \u{2014} Trump spoke."]
    );
    assert_eq!(
        split("He reports for the Naples (Fla.) Daily News."),
        ["He reports for the Naples (Fla.) Daily News."]
    );
}

#[test]
fn initials() {
    assert_eq!(
        split("J. K. Rowling and George H.W. Bush met John P. Coale. He smiled."),
        [
            "J. K. Rowling and George H.W. Bush met John P. Coale.",
            "He smiled."
        ]
    );
    assert_eq!(
        split("The answer was plan B. The rest failed."),
        ["The answer was plan B.", "The rest failed."]
    );
}

#[test]
fn numbers_and_money() {
    assert_eq!(
        split("Prices rose 3.5% to $1.2 billion in 2022. Profit was $100.00. Then it fell."),
        [
            "Prices rose 3.5% to $1.2 billion in 2022.",
            "Profit was $100.00.",
            "Then it fell."
        ]
    );
    assert_eq!(
        split("Turnout was up in 2019. 2020 was worse."),
        ["Turnout was up in 2019.", "2020 was worse."]
    );
}

#[test]
fn ellipses() {
    // The seed's `get… Like`: an ellipsis glued to its word, then a capital.
    assert_eq!(
        split("people don't get\u{2026} Like he's open."),
        ["people don't get\u{2026}", "Like he's open."]
    );
    assert_eq!(
        split("He said ... well, nothing... and left."),
        ["He said ... well, nothing... and left."]
    );
    assert_eq!(
        split("Read the embeds ... You said you would."),
        ["Read the embeds ...", "You said you would."]
    );
    assert_eq!(
        split("\"... These thefts are real.\""),
        ["\"... These thefts are real.\""]
    );
    assert_eq!(
        split("The thing is . . . I never meant it."),
        ["The thing is . . . I never meant it."]
    );
}

#[test]
fn square_brackets_and_sic() {
    assert_eq!(
        split("\"I hope you'll reconsider alining [sic] yourself. [Trump.] Not now.\" He left."),
        [
            "\"I hope you'll reconsider alining [sic] yourself.",
            "[Trump.] Not now.\"",
            "He left."
        ]
    );
    assert_eq!(
        split("\"He [the Rev. J. Smith. Sr.] left.\""),
        ["\"He [the Rev. J. Smith. Sr.] left.\""]
    );
}

#[test]
fn em_dashes_do_not_split() {
    assert_eq!(
        split(
            "Their wives \u{2013} Kim Kardashian and Chrissy Teigen \u{2013} socialized. WASHINGTON \u{2014} The vote failed."
        ),
        [
            "Their wives \u{2013} Kim Kardashian and Chrissy Teigen \u{2013} socialized.",
            "WASHINGTON \u{2014} The vote failed."
        ]
    );
}

#[test]
fn urls_and_email() {
    assert_eq!(
        split("Visit www.Example.Com/News.Html today. Mail Jane.Doe@Example.org. Thanks."),
        [
            "Visit www.Example.Com/News.Html today.",
            "Mail Jane.Doe@Example.org.",
            "Thanks."
        ]
    );
    assert_eq!(
        split("See https://news.example.com/a.B/c.html. Then go."),
        ["See https://news.example.com/a.B/c.html.", "Then go."]
    );
}

#[test]
fn glued_sentences() {
    // The seed: periods glued to the next word or to an opening quote.
    assert_eq!(
        split("It ended their friendship.Legend admitted it."),
        ["It ended their friendship.", "Legend admitted it."]
    );
    assert_eq!(
        split("He could not support the bid.\"I wasn't alone,\" he said."),
        [
            "He could not support the bid.",
            "\"I wasn't alone,\" he said."
        ]
    );
    assert_eq!(
        split("Why now?Nobody knows."),
        ["Why now?", "Nobody knows."]
    );
    // Not glued sentences: decimals, domains, abbreviations, possessives.
    assert_eq!(
        split("Version 2.5 of Node.js and Ph.D. students at JFK Jr.'s school."),
        ["Version 2.5 of Node.js and Ph.D. students at JFK Jr.'s school."]
    );
}

#[test]
fn quotations_split_into_their_sentences() {
    assert_eq!(
        split("He read, \"Hey, it's JL. I hope so. You're great.\" Then he left."),
        [
            "He read, \"Hey, it's JL.",
            "I hope so.",
            "You're great.\"",
            "Then he left."
        ]
    );
}

#[test]
fn attribution_stays_with_its_quote() {
    assert_eq!(
        split("\"Why now?\" she asked."),
        ["\"Why now?\" she asked."]
    );
    assert_eq!(
        split("\u{201c}Why now?\u{201d} Legend asked. \u{201c}No!\u{201d} Sen. Smith shouted."),
        [
            "\u{201c}Why now?\u{201d} Legend asked.",
            "\u{201c}No!\u{201d} Sen. Smith shouted."
        ]
    );
    // An attribution that opens the next quote belongs to it.
    assert_eq!(
        split("\"We lost.\" Legend added, \"I still love him.\""),
        ["\"We lost.\"", "Legend added, \"I still love him.\""]
    );
    // A new sentence that merely mentions saying is not an attribution.
    assert_eq!(
        split("\"This is great.\" She held the book. \"Why?\" The crowd said nothing."),
        [
            "\"This is great.\"",
            "She held the book.",
            "\"Why?\"",
            "The crowd said nothing."
        ]
    );
}

#[test]
fn lists() {
    assert_eq!(
        split("1. Cut taxes 2. Build roads 3. Hire teachers"),
        ["1. Cut taxes", "2. Build roads", "3. Hire teachers"]
    );
    assert_eq!(
        split("Plans:\n\u{2022} Cut taxes\n\u{2022} Build roads"),
        ["Plans:", "\u{2022} Cut taxes", "\u{2022} Build roads"]
    );
    // Numbers that are not the next item do not split.
    assert_eq!(
        split("1) He won 3. 5 people lost."),
        ["1) He won 3.", "5 people lost."]
    );
}

#[test]
fn headline_byline_dateline_lines() {
    let text = "Legend Says Feud With Kanye West Ended Their Friendship\nBy Jane Doe\nUpdated Aug. 5, 2022\n\nNEW YORK (AP) \u{2014} John Legend said\nthe rift was real. He moved on.";
    assert_eq!(
        split(text),
        [
            "Legend Says Feud With Kanye West Ended Their Friendship",
            "By Jane Doe",
            "Updated Aug. 5, 2022",
            "NEW YORK (AP) \u{2014} John Legend said\nthe rift was real.",
            "He moved on."
        ]
    );
    assert_eq!(paragraphs(text), [1, 1, 1, 2, 2]);
}

#[test]
fn wrapped_lines_are_white_space() {
    assert_eq!(
        split("The senator said on Tuesday that\nthe bill would pass. It did."),
        [
            "The senator said on Tuesday that\nthe bill would pass.",
            "It did."
        ]
    );
    // A short line is a headline only if it holds a whole sentence.
    assert_eq!(
        split("He left. Then\nhe came back."),
        ["He left.", "Then\nhe came back."]
    );
}

#[test]
fn blank_lines_make_paragraphs() {
    let text = "\n\nOne. Two.\n\n\n Three.\r\n\r\nFour.\n";
    assert_eq!(split(text), ["One.", "Two.", "Three.", "Four."]);
    assert_eq!(paragraphs(text), [1, 1, 2, 3]);
}

#[test]
fn one_paragraph_per_line_when_the_text_has_no_blank_lines() {
    // PerSenT style: a single line break between paragraphs.
    let text = "Schmidt was picked. He starts today.\n Obama chose him.\n The vote is \"close.\"\n Nobody objected";
    assert_eq!(
        split(text),
        [
            "Schmidt was picked.",
            "He starts today.",
            "Obama chose him.",
            "The vote is \"close.\"",
            "Nobody objected"
        ]
    );
    assert_eq!(paragraphs(text), [1, 1, 2, 3, 4]);
    // Wrapped text (most lines end mid-sentence) keeps one paragraph.
    let wrapped =
        "The senator said on Tuesday\nthat the bill would pass after\na long debate. It did.";
    assert_eq!(paragraphs(wrapped), [1, 1]);
}

#[test]
fn spans_are_byte_offsets_into_the_text_given() {
    let text = "  \u{201c}Caf\u{e9}.\u{201d}  Na\u{ef}ve? Yes. ";
    let got = Splitter::new().split(text);
    let spans: Vec<(usize, usize)> = got.iter().map(|s| (s.span.start, s.span.end)).collect();
    assert_eq!(spans, [(2, 14), (16, 23), (24, 28)]);
    assert_eq!(got[0].span.of(text), "\u{201c}Caf\u{e9}.\u{201d}");
}

#[test]
fn custom_lexicons_are_used_and_checked() {
    let s = Splitter::with_lexicons("Zz\tprefix\n", "a.tsv", "the\tstarter\n", "w.tsv").unwrap();
    let text = "Ask Zz. Moe now. Ask Mr. Moe.";
    let got: Vec<&str> = s.split(text).iter().map(|x| x.span.of(text)).collect();
    assert_eq!(got, ["Ask Zz. Moe now.", "Ask Mr.", "Moe."]);
    let err = Splitter::with_lexicons("Zz\tnope\n", "a.tsv", "", "w.tsv").unwrap_err();
    assert_eq!(err.line(), Some(1));
}

#[test]
fn splitter_is_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Splitter>();
    let a = Splitter::new();
    let b = a.clone();
    assert!(std::ptr::eq(a.lexicon(), b.lexicon()));
}

/// The skip loop's table says "plain" exactly for the bytes the main loop
/// has no arm for (once a segment has started).
#[test]
fn plain_table_matches_the_dispatched_bytes() {
    for b in 0..=255u8 {
        let dispatched =
            is_ascii_ws(b) || matches!(b, b'.' | b'!' | b'?' | b'[' | b']' | 0xC2 | 0xE2);
        assert_eq!(is_plain(b), !dispatched, "byte {b:#04x}");
    }
}

/// The sixteen-bytes-at-a-time skip ends where the byte-by-byte one does,
/// for every byte value at every position of a window and of the tail.
#[test]
fn plain_run_end_matches_bytes() {
    let scalar = |b: &[u8], mut j: usize| {
        while j < b.len() && is_plain(b[j]) {
            j += 1;
        }
        j
    };
    for len in 0..40 {
        for at in 0..len {
            for v in 0..=255u8 {
                let mut buf: Vec<u8> = (0..len).map(|k| b"abcXYZ019-'\x01"[k % 12]).collect();
                buf[at] = v;
                for from in [0, 1, 3] {
                    let from = from.min(len);
                    assert_eq!(
                        plain_run_end(&buf, from),
                        scalar(&buf, from),
                        "{buf:?} from {from}"
                    );
                }
            }
        }
    }
}

//! One test per attribution rule, on short texts written for the rule.

use newstance::{Attribution, Document, Mode, Pipeline, Quote, Source};

fn analyze(text: &str) -> (String, Attribution) {
    let doc = Document::new("t", text.to_string(), None);
    let p = Pipeline::new();
    let sentences = p.sentences(&doc);
    let a = p.speakers.analyze(&doc.text, doc.body, &sentences);
    (doc.text, a)
}

fn speaker_of(a: &Attribution, q: usize) -> Option<&str> {
    a.quotes[q].speaker.as_ref().map(|s| a.source_name(s))
}

/// The first direct quote.
fn first_direct(a: &Attribution) -> &Quote {
    a.quotes
        .iter()
        .find(|q| q.kind == Mode::Direct)
        .expect("a direct quote")
}

/// The quote with a part starting with `prefix`.
fn quote_starting<'a>(a: &'a Attribution, text: &str, prefix: &str) -> &'a Quote {
    a.quotes
        .iter()
        .find(|q| q.parts.iter().any(|p| p.of(text).starts_with(prefix)))
        .expect("a quote with that start")
}

#[test]
fn interrupted_quote_is_one_statement() {
    let (t, a) =
        analyze(r#"Mary Jones is running. "We will win," she said, "and we will win big.""#);
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    let q = &a.quotes[0];
    assert_eq!(q.parts.len(), 2);
    assert_eq!(q.parts[1].of(&t), "and we will win big.");
    assert_eq!(q.cue.map(|c| c.of(&t)), Some("said"));
    assert_eq!(q.speaker_span.map(|c| c.of(&t)), Some("she"));
    assert_eq!(speaker_of(&a, 0), Some("Mary Jones"));
}

#[test]
fn quote_continued_after_its_attribution_sentence() {
    // `"A," X said. "B."` is one statement (PolNeAR counts it so).
    let (t, a) = analyze(r#""It was too much," said Sen. Tom Carper. "Now it's over.""#);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].parts.len(), 2);
    assert_eq!(
        a.quotes[0].speaker_span.map(|s| s.of(&t)),
        Some("Tom Carper")
    );
}

#[test]
fn inverted_order_and_non_person_source() {
    let (_, a) = analyze(r#""We will appeal," said a campaign spokesman."#);
    assert_eq!(
        a.quotes[0].speaker,
        Some(Source::Other("a campaign spokesman".into()))
    );
    let (_, a) = analyze(r#""The plan is dead," The Post reported."#);
    assert_eq!(a.quotes[0].speaker, Some(Source::Other("The Post".into())));
}

#[test]
fn colon_and_cue_before_the_quote() {
    let (_, a) = analyze(r#"Hillary Clinton said in a statement: "This is a good day.""#);
    assert_eq!(speaker_of(&a, 0), Some("Hillary Clinton"));
    assert_eq!(a.sentences[0].mode, Mode::Direct);
}

#[test]
fn reported_speech_gives_indirect() {
    let (t, a) = analyze("Tom Smith met the press. Smith said he would not run again.");
    assert_eq!(a.sentences[1].mode, Mode::Indirect);
    let q = a.quotes.iter().find(|q| q.kind == Mode::Indirect).unwrap();
    assert_eq!(q.span.of(&t), "he would not run again");
    assert_eq!(speaker_of(&a, 0), Some("Tom Smith"));
}

#[test]
fn according_to() {
    let (t, a) = analyze("The deal is off, according to Anna Lee.");
    assert_eq!(a.quotes[0].kind, Mode::Indirect);
    assert_eq!(a.quotes[0].span.of(&t), "The deal is off");
    assert_eq!(speaker_of(&a, 0), Some("Anna Lee"));
}

#[test]
fn scare_quotes_and_titles_are_not_statements() {
    let (_, a) = analyze(r#"She appeared on "Shark Tank" and on "Fox News Sunday" last year."#);
    assert!(
        a.quotes
            .iter()
            .all(|q| q.kind != Mode::Direct && q.kind != Mode::Partial)
    );
    assert_eq!(a.sentences[0].mode, Mode::Narration);
}

#[test]
fn partial_quote_in_reported_speech() {
    let (t, a) = analyze(r#"Jane Doe admitted they were "never the closest of friends.""#);
    let q = a.quotes.iter().find(|q| q.kind == Mode::Partial).unwrap();
    assert_eq!(q.span.of(&t), "never the closest of friends.");
    assert_eq!(a.sentences[0].mode, Mode::Partial);
    assert_eq!(a.sentences[0].speaker, Some(Source::Person(0)));
}

#[test]
fn pronouns_agree_in_gender() {
    let (t, a) =
        analyze(r#"Hillary Clinton met Donald Trump. "I am ready," she said. "So am I," he said."#);
    assert_eq!(speaker_of(&a, 0), Some("Hillary Clinton"));
    assert_eq!(speaker_of(&a, 1), Some("Donald Trump"));
    // "I" inside each quote is its speaker.
    let i = t.find("I am").unwrap();
    let m = a.mentions.iter().find(|m| m.span.start == i).unwrap();
    assert_eq!(a.people[m.person].name, "Hillary Clinton");
}

#[test]
fn unbalanced_quote_does_not_run_past_its_paragraph() {
    let (_, a) = analyze("Joe Bloggs said \"it is over and left.\n\nNext paragraph is narration.");
    assert_eq!(a.sentences.last().unwrap().mode, Mode::Narration);
}

#[test]
fn offsets_are_bytes_into_the_original_text() {
    let (t, a) = analyze("Zoë Ångström arrived. “Ça va,” Ångström said.");
    let q = &a.quotes[0];
    assert_eq!(q.span.of(&t), "Ça va,");
    assert_eq!(speaker_of(&a, 0), Some("Zoë Ångström"));
    for m in &a.mentions {
        assert!(t.is_char_boundary(m.span.start) && t.is_char_boundary(m.span.end));
    }
}

#[test]
fn headline_name_and_colon() {
    let (t, a) = analyze("Bernie Sanders: Endorsements prove Clinton is the establishment.");
    assert_eq!(a.sentences[0].mode, Mode::Indirect);
    assert_eq!(
        a.quotes[0].speaker_span.map(|s| s.of(&t)),
        Some("Bernie Sanders")
    );
    assert_eq!(a.quotes[0].cue.map(|s| s.of(&t)), Some(":"));
}

#[test]
fn evidence_and_quantified_sources() {
    let (t, a) = analyze("A Reuters poll showed Clinton leading by four points.");
    let q = &a.quotes[0];
    assert_eq!(q.span.of(&t), "Clinton leading by four points");
    assert_eq!(q.speaker, Some(Source::Other("A Reuters poll".into())));
    let (_, a) = analyze(r#""I don't want fisticuffs," said one party activist."#);
    assert_eq!(
        a.quotes[0].speaker,
        Some(Source::Other("one party activist".into()))
    );
}

#[test]
fn relative_clause_is_not_the_speaker() {
    let (_, a) = analyze(
        r#"Hillary Clinton, who called Bernie Sanders after the results, told supporters, "I still love New Hampshire.""#,
    );
    let q = a.quotes.iter().find(|q| q.kind == Mode::Direct).unwrap();
    assert_eq!(
        q.speaker.as_ref().map(|s| a.source_name(s)),
        Some("Hillary Clinton")
    );
}

#[test]
fn quote_paragraph_after_a_long_attribution_goes_on() {
    // The quote's own sentence ends the paragraph, however long its
    // attribution: the quote paragraph after it has the same speaker.
    let text = "Sheldon Adelson met Trump.\n\n\u{201c}We like a lot of the candidates,\u{201d} Adelson said during the interview in Macau, the world\u{2019}s largest gambling hub, ahead of the opening of his hotel.\n\n\u{201c}It\u{2019}s changing every day. Out of 14 candidates, 41 percent is unheard of.\u{201d}\n\nTrump\u{2019}s style has not dented his popularity. \u{201c}Nobody knows,\u{201d} one donor said.\n\n\u{201c}We will see.\u{201d}";
    let (t, a) = analyze(text);
    let quote = |s: &str| {
        let i = a
            .quotes
            .iter()
            .position(|q| q.parts.iter().any(|p| p.of(&t).starts_with(s)))
            .unwrap_or_else(|| panic!("no quote {s}: {:?}", a.quotes));
        a.quotes[i]
            .speaker
            .as_ref()
            .map(|s| a.source_name(s).to_string())
    };
    assert!(quote("We").is_some());
    assert_eq!(quote("It"), quote("We"));
    // A narration sentence after the quote's sentence breaks the chain.
    let text2 = "Sheldon Adelson met Trump.\n\n\u{201c}We like a lot of the candidates,\u{201d} Adelson said during the interview in Macau. He then left for the airport in a car with his aides.\n\n\u{201c}It\u{2019}s changing every day.\u{201d}";
    let (t2, a2) = analyze(text2);
    let q = a2
        .quotes
        .iter()
        .find(|q| q.parts.iter().any(|p| p.of(&t2).starts_with("It")))
        .expect("quote");
    assert_eq!(q.speaker, None, "{q:?}");
}

#[test]
fn participle_after_a_quote_takes_the_clause_subject() {
    let (t, a) = analyze(
        "Donald Trump spoke in Ohio. Mr. Trump said of the episode, \"I don't like it,\" adding, \"There is great love for the country.\"",
    );
    let q = a
        .quotes
        .iter()
        .position(|q| q.parts.iter().any(|p| p.of(&t).starts_with("I don't")))
        .expect("quote");
    assert_eq!(speaker_of(&a, q), Some("Donald Trump"), "{:?}", a.quotes);
}

#[test]
fn long_appositive_after_a_role_and_name() {
    let (_, a) = analyze(
        "Wages rose. \"We finally may be seeing some wage acceleration,\" the economist Jared Bernstein, a former adviser in the Obama White House, wrote on his blog.",
    );
    assert_eq!(speaker_of(&a, 0), Some("Jared Bernstein"), "{:?}", a.quotes);
}

#[test]
fn an_acronym_after_a_quote_is_not_the_pronoun_us() {
    let (_, a) = analyze(
        "The vote began. \"The great state of Alabama is proud to cast its votes!\" US Senator Jeff Sessions said as he launched the process.",
    );
    assert_eq!(speaker_of(&a, 0), Some("Jeff Sessions"), "{:?}", a.quotes);
}

#[test]
fn a_cue_word_after_a_determiner_is_the_source() {
    let (_, a) = analyze(
        "He framed a note from Donald J. Trump. \"Mark, you are a total loser!\" the note says.",
    );
    let q = first_direct(&a);
    assert_eq!(q.speaker, Some(Source::Other("the note".into())), "{q:?}");
}

#[test]
fn a_possessive_before_a_cue_word_makes_it_a_noun() {
    let (t, a) = analyze("Voters waited. \"We will win,\" the candidate\u{2019}s note says.");
    let q = first_direct(&a);
    assert_eq!(q.cue.map(|c| c.of(&t)), Some("says"), "{q:?}");
}

#[test]
fn a_quote_ending_its_line_is_not_attributed_by_the_next_line() {
    // A text with blank lines that still puts some paragraphs on single
    // lines: the sentence after the line break is not the quote's
    // attribution, and the quote continues the one before it.
    let text = "Intro paragraph.\n\nAnna Berg spoke first.\n\"We will cut taxes,\" Berg said. \"And we will do it this year.\"\nTom Reyes said he disagreed with the plan.";
    let (t, a) = analyze(text);
    let direct: Vec<_> = a.quotes.iter().filter(|q| q.kind == Mode::Direct).collect();
    assert_eq!(direct.len(), 1, "{:?}", a.quotes);
    assert_eq!(direct[0].parts.len(), 2);
    assert_eq!(direct[0].parts[1].of(&t), "And we will do it this year.");
    let q = a
        .quotes
        .iter()
        .position(|q| q.kind == Mode::Direct)
        .unwrap();
    assert_eq!(speaker_of(&a, q), Some("Anna Berg"));
}

#[test]
fn a_reopened_quote_paragraph_with_its_own_attribution() {
    // The second paragraph continues the first one's quotation (it reopens
    // it) but has its own attribution: `"A," she said. "B."` there is one
    // statement with that attribution.
    let text = "Maria Lopez spoke at the rally. She said: \"We came here to work. We will stay.\n\n\"Nobody can stop us now,\" Lopez said. \"Not this year and not next year.\"\n\nThe crowd cheered.";
    let (t, a) = analyze(text);
    let q = quote_starting(&a, &t, "Nobody");
    assert_eq!(q.cue.map(|c| c.of(&t)), Some("said"), "{:?}", a.quotes);
    assert_eq!(q.parts.len(), 2, "{:?}", a.quotes);
    assert_eq!(q.parts[1].of(&t), "Not this year and not next year.");
}

#[test]
fn a_function_word_subject_after_a_quote_is_an_attribution() {
    // `"...," it stated` and `"...," the two write`: the subject is a
    // pronoun or a determiner phrase made of function words, unlike
    // `"We'll see," when asked`.
    let (t, a) = analyze(
        "The panel released a memo. \"Most witnesses were new,\" it stated. \"The panel is thorough.\"",
    );
    let q = first_direct(&a);
    assert_eq!(q.cue.map(|c| c.of(&t)), Some("stated"), "{:?}", a.quotes);
    assert_eq!(q.parts.len(), 2, "{:?}", a.quotes);
    let (t, a) = analyze("\"We do not understand the delay,\" the two argued.");
    let q = first_direct(&a);
    assert_eq!(q.cue.map(|c| c.of(&t)), Some("argued"), "{:?}", a.quotes);
    let (_, a) = analyze("\"We'll see,\" when asked about it.");
    assert!(a.quotes.iter().all(|q| q.cue.is_none()), "{:?}", a.quotes);
}

#[test]
fn a_title_inside_the_attribution_does_not_end_the_statement() {
    // `"A," X said on NBC's "Meet the Press." "B."`: the quoted programme
    // title between the two parts is not the quote B continues.
    let (t, a) = analyze(
        "Ana Ruiz was asked about the race. \"We are ready,\" Ruiz said on CBS's \"Face the Nation.\" \"And we will win this fall.\"",
    );
    let q = first_direct(&a);
    assert_eq!(q.parts.len(), 2, "{:?}", a.quotes);
    assert_eq!(q.parts[1].of(&t), "And we will win this fall.");
}

#[test]
fn verbs_of_saying_in_their_other_forms() {
    // The cue lexicon lists each verb's forms: present plural (`the two
    // write`), participles (`remarking`), and verbs that attribute only
    // next to a quotation (`remembered`, `a voice-over states`).
    for (text, cue) in [
        (
            "\"We do not understand the delay,\" the two write.",
            "write",
        ),
        (
            "Lee closed the debate, remarking, \"May the best team win.\"",
            "remarking",
        ),
        (
            "\"She took it upon herself,\" remembered Tom Hale, her aide.",
            "remembered",
        ),
        (
            "\"They know she is strong,\" a voice-over in the ad states.",
            "states",
        ),
    ] {
        let (t, a) = analyze(text);
        let q = a
            .quotes
            .iter()
            .find(|q| q.kind == Mode::Direct)
            .expect(text);
        assert_eq!(q.cue.map(|c| c.of(&t)), Some(cue), "{text}: {:?}", a.quotes);
        assert!(q.speaker.is_some(), "{text}: {:?}", a.quotes);
    }
}

#[test]
fn an_infinitive_with_a_plain_object_is_no_report() {
    // "went online to clarify some points" names a purpose; "to clarify
    // that ..." still reports.
    let (_, a) = analyze("Tom Hale went online to clarify some points about the deal.");
    assert_eq!(a.sentences[0].mode, Mode::Narration, "{:?}", a.quotes);
    let (t, a) = analyze("Tom Hale went online to clarify that the deal was off.");
    let q = a
        .quotes
        .iter()
        .find(|q| q.kind == Mode::Indirect)
        .expect("report");
    assert_eq!(q.span.of(&t), "the deal was off");
}

#[test]
fn a_lowercase_quote_inside_a_sentence_goes_on_the_narration() {
    // `..., the budget lost $35 billion, "which sounds like a lot."`: the
    // quotation completes the narrator's sentence; it is a partial quote,
    // not a direct one. Introduced by a verb of saying it stays direct, and
    // so does the second part of an interrupted quote.
    let (_, a) = analyze(
        "Jim Ortiz spoke on Monday. Three taxes were postponed, he said, depriving the city of $35 million, \"which sounds like a lot of money.\"",
    );
    assert!(
        a.quotes.iter().all(|q| q.kind != Mode::Direct),
        "{:?}",
        a.quotes
    );
    let (_, a) = analyze("Jim Ortiz spoke on Monday. He added, \"actually, it was a good year.\"");
    assert!(
        a.quotes.iter().any(|q| q.kind == Mode::Direct),
        "{:?}",
        a.quotes
    );
    let (t, a) = analyze(
        "\"It is a hard issue,\" said the senator, \"because two rights are in conflict.\"",
    );
    let q = first_direct(&a);
    assert_eq!(q.parts.len(), 2, "{:?}", a.quotes);
    assert_eq!(q.parts[1].of(&t), "because two rights are in conflict.");
}

#[test]
fn a_quote_after_an_attributed_partial_quote_is_the_same_statement() {
    // `In this state, "we worked hard," he said. "And we won."`: one
    // statement that starts in the narration, so not a direct quote.
    let (t, a) = analyze(
        "Ed Kane runs the plant. But at the plant, \"we worked hard,\" Kane said. \"And now they want to close it.\"",
    );
    let q = quote_starting(&a, &t, "And now");
    assert_eq!(q.kind, Mode::Partial, "{:?}", a.quotes);
    assert_eq!(q.parts.len(), 2, "{:?}", a.quotes);
    assert_eq!(
        q.speaker.as_ref().map(|s| a.source_name(s)),
        Some("Ed Kane")
    );
}

#[test]
fn cited_titles_are_not_statements() {
    // A headline followed by its author, and a title-case title set off
    // after a noun, are cited titles; a short exclamation after a verb of
    // saying is still a statement.
    let (_, a) =
        analyze("NEW IN TOWN: \"City museum gets a new director,\" by Jo Hale of the Daily Star.");
    assert!(
        a.quotes.iter().all(|q| q.kind != Mode::Direct),
        "{:?}",
        a.quotes
    );
    let (_, a) = analyze(
        "Dan Ross knows the region. In his new book, \"Doomed to Succeed,\" Ross said the two nations drifted apart.",
    );
    assert!(
        a.quotes.iter().all(|q| q.kind != Mode::Direct),
        "{:?}",
        a.quotes
    );
    let (_, a) = analyze("Asked about the plan, Joe Biden blurted out, \"Oh, God,\" and laughed.");
    assert!(
        a.quotes.iter().any(|q| q.kind == Mode::Direct),
        "{:?}",
        a.quotes
    );
}

#[test]
fn a_quotation_opening_a_single_line_after_a_sentence_is_a_new_paragraph() {
    // A text with blank lines that also puts paragraphs on single lines: a
    // quote left open at the end of one line is reopened by the next, and
    // does not swallow the next line's own quote and attribution.
    let text = "Intro.\n\n\u{201c}It is a signal to everyone,\u{201d} Rep. Ann Moore said. \u{201c}If this goes on, we all lose.\n\u{201c}I have been thinking about where we are,\u{201d} added Rep. Jim Cole. \u{201c}These are not whistles.\u{201d}";
    let (t, a) = analyze(text);
    let q = quote_starting(&a, &t, "I have");
    assert_eq!(
        q.speaker.as_ref().map(|s| a.source_name(s)),
        Some("Jim Cole"),
        "{:?}",
        a.quotes
    );
    assert!(
        a.quotes
            .iter()
            .all(|q| q.parts.iter().all(|p| !p.of(&t).contains('\n')))
    );
}

#[test]
fn a_transcript_line_is_spoken_by_its_label() {
    // A quoted transcript: each paragraph reopens the quotation with its
    // speaker's label, which is the speaker, not part of the statement; a
    // stage direction is no statement; a label before a quote that has its
    // own attribution is the addressee.
    let text = "Anna Lee hosted the show. Partial transcript as follows:\n\n\"HOST: Will you be there tomorrow?\n\n\"(CROSSTALK.)\n\n\"GUEST: I will not be attending.\n\n\"Anna Lee: Thank you both for joining us on the show tonight.\"\n\n\"Voters: You decide,\" tweeted Tom Hale.";
    let (t, a) = analyze(text);
    let direct: Vec<_> = a.quotes.iter().filter(|q| q.kind == Mode::Direct).collect();
    let who = |s: &str| {
        let q = direct
            .iter()
            .find(|q| q.parts[0].of(&t).starts_with(s))
            .unwrap_or_else(|| panic!("{s}: {:?}", a.quotes));
        q.speaker.as_ref().map(|x| a.source_name(x).to_string())
    };
    assert_eq!(who("Will you").as_deref(), Some("HOST"));
    assert_eq!(who("I will not").as_deref(), Some("GUEST"));
    assert_eq!(who("Thank you").as_deref(), Some("Anna Lee"));
    assert_eq!(who("Voters: You").as_deref(), Some("Tom Hale"));
    assert!(
        direct
            .iter()
            .all(|q| !q.parts[0].of(&t).contains("CROSSTALK"))
    );
}

#[test]
fn a_capitals_headline_runs_into_its_quotation_and_a_bracketed_source() {
    // A newsletter item: a headline in capitals, then the quotation it
    // announces, then its source in brackets. An acronym inside a sentence
    // does not make a quote free (`the NRA "a lobby"`).
    let (t, a) = analyze(
        "Morning notes.\n\nWHY THE ECONOMY SLOWED DOWN \u{201c}Growth fell in every region this spring, and hiring stalled.\u{201d} [Daily Star.]\n\nShe called the NRA \"a very powerful lobby.\"",
    );
    let q = a
        .quotes
        .iter()
        .find(|q| q.kind == Mode::Direct)
        .unwrap_or_else(|| panic!("{:?}", a.quotes));
    assert!(q.span.of(&t).starts_with("Growth fell"), "{:?}", a.quotes);
    assert_eq!(q.speaker, Some(Source::Other("Daily Star".into())));
    assert_eq!(
        a.quotes.iter().filter(|q| q.kind == Mode::Direct).count(),
        1
    );
}

#[test]
fn a_quoted_label_is_no_statement() {
    // `"Related:"` only announces what follows; it says nothing.
    let (t, a) = analyze(
        "\"We will win,\" Ann Lee said.\n\n\"Related:\"\n\nThe vote is on Tuesday and polls open early.",
    );
    assert!(
        a.quotes
            .iter()
            .all(|q| q.parts.iter().all(|p| !p.of(&t).contains("Related"))),
        "{:?}",
        a.quotes
    );
}

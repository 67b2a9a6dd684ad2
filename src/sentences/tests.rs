//! Unit tests of the splitter's rules, one per kind of case.

use super::*;

fn split(text: &str) -> Vec<&str> {
    Splitter::new()
        .split(text)
        .iter()
        .map(|s| s.span.of(text))
        .collect()
}

#[test]
fn simple() {
    assert_eq!(split("Hello World. My name is Jonas."), ["Hello World.", "My name is Jonas."]);
}

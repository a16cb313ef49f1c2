//! Cutting text at Unicode boundaries (UAX #29, unicode-segmentation):
//! sentences, words and grapheme clusters.

use unicode_segmentation::UnicodeSegmentation;

/// What follows a text cut by [`first_chars`].
pub const ELLIPSIS: &str = "…";

/// Abbreviations after whose full stop a sentence goes on (compared without
/// case). Single letters ("J.") and dotted initials ("U.S.", "e.g.") are
/// recognized by their shape. Words that often end a sentence ("etc.",
/// "Inc.", "no.") are not here: a missed break is worse than a wrong one.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "vs", "mt", "ft", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "fig", "figs", "approx", "ca", "cf", "op", "vol",
    "pp", "ed", "eds", "nos", "esp", "dept", "univ", "assn", "bros",
];

/// The sentences of a text, each with its trailing whitespace: UAX #29
/// sentence boundaries, except after an abbreviation or an initial inside a
/// line. Concatenated they are the text.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut bounds = text.split_sentence_bound_indices().peekable();
    std::iter::from_fn(move || {
        let (start, mut segment) = bounds.next()?;
        let mut end = start + segment.len();
        while ends_in_abbreviation(segment) {
            let Some((_, next)) = bounds.next() else { break };
            end += next.len();
            segment = next;
        }
        Some(&text[start..end])
    })
}

/// Whether a UAX #29 sentence ends with the full stop of an abbreviation or
/// initial, within its line, so the sentence goes on.
fn ends_in_abbreviation(segment: &str) -> bool {
    let body = segment.trim_end();
    let tail = &segment[body.len()..];
    if tail.is_empty() || tail.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return false;
    }
    let Some(word) = body.strip_suffix('.') else { return false };
    let word = word.rsplit(char::is_whitespace).next().unwrap_or(word);
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.is_empty() {
        return false;
    }
    // "J", "U.S", "e.g": letters one at a time between full stops.
    let initials = word.split('.').all(|part| {
        let mut chars = part.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
    });
    initials || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Exactly the first `n` sentences of `text`, without trailing whitespace.
#[must_use]
pub fn first_sentences(text: &str, n: usize) -> &str {
    let end: usize = sentences(text).take(n).map(str::len).sum();
    text[..end].trim_end()
}

/// The number of sentences with something besides whitespace in them.
#[must_use]
pub fn count_sentences(text: &str) -> usize {
    sentences(text).filter(|s| !s.trim().is_empty()).count()
}

/// The number of UAX #29 words (runs of letters, digits and the like;
/// each ideograph is one).
#[must_use]
pub fn count_words(text: &str) -> usize {
    text.unicode_words().count()
}

/// At most `n` grapheme clusters of `text`, cut at the last word boundary
/// within them (at the last grapheme boundary if the first word is longer),
/// trailing whitespace dropped, then [`ELLIPSIS`]. The text itself when it
/// has no more than `n` grapheme clusters.
#[must_use]
pub fn first_chars(text: &str, n: usize) -> String {
    let Some((limit, _)) = text.grapheme_indices(true).nth(n) else { return text.to_string() };
    let word_end = text.split_word_bound_indices().map(|(start, _)| start).take_while(|&start| start <= limit).last();
    let mut end = match word_end {
        Some(end) if end > 0 => end,
        _ => limit,
    };
    // UAX #29 finds no words in scripts written without spaces between them
    // (Thai, Lao, Khmer, Myanmar: it breaks between any two letters); a cut
    // inside such a run backs up to the space before it, where there is one.
    let inside_run = text[..end].chars().next_back().is_some_and(is_complex_context)
        && text[end..].chars().next().is_some_and(is_complex_context);
    if inside_run {
        if let Some(space) = text[..end].rfind(char::is_whitespace).filter(|&i| i > 0) {
            end = space;
        }
    }
    let mut kept = &text[..end];
    // Whole grapheme clusters of whitespace only, so no cluster is split.
    while let Some(last) = kept.graphemes(true).next_back().filter(|g| g.chars().all(char::is_whitespace)) {
        kept = &kept[..kept.len() - last.len()];
    }
    let mut out = String::with_capacity(kept.len() + ELLIPSIS.len());
    out.push_str(kept);
    out.push_str(ELLIPSIS);
    out
}

/// Letters of the scripts whose words UAX #29 leaves to a dictionary
/// (Unicode's line-break class Complex_Context).
fn is_complex_context(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{1950}'..='\u{19DF}' // Tai Le, New Tai Lue
        | '\u{1A20}'..='\u{1AAF}' // Tai Tham
        | '\u{A9E0}'..='\u{A9FF}' // Myanmar Extended-B
        | '\u{AA60}'..='\u{AADF}' // Myanmar Extended-A, Tai Viet
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "Dr. Smith met J. R. R. Tolkien in the U.S. Army. They talked.";
        assert_eq!(first_sentences(text, 1), "Dr. Smith met J. R. R. Tolkien in the U.S. Army.");
        assert_eq!(count_sentences(text), 2);
    }

    #[test]
    fn a_line_ends_a_sentence_even_after_an_initial() {
        assert_eq!(first_sentences("Heading A.\nText.", 1), "Heading A.");
    }

    #[test]
    fn cjk_sentences_end_at_the_ideographic_full_stop() {
        let text = "東京は日本の首都である。人口は多い。";
        assert_eq!(first_sentences(text, 1), "東京は日本の首都である。");
        assert_eq!(count_sentences(text), 2);
    }

    #[test]
    fn arabic_devanagari_and_thai_sentences() {
        assert_eq!(first_sentences("القاهرة عاصمة مصر. وهي مدينة كبيرة.", 1), "القاهرة عاصمة مصر.");
        assert_eq!(first_sentences("हिन्दी एक भाषा है। यह भारत में बोली जाती है।", 1), "हिन्दी एक भाषा है।");
        // Thai ends sentences with a space, which UAX #29 does not see.
        assert_eq!(count_sentences("ภาษาไทยเป็นภาษาราชการ ประเทศไทย"), 1);
    }

    #[test]
    fn more_sentences_than_the_text_has_is_the_text() {
        assert_eq!(first_sentences("One. Two.", 5), "One. Two.");
        assert_eq!(first_sentences("One. Two.", 0), "");
    }

    #[test]
    fn chars_cut_at_a_word_boundary() {
        assert_eq!(first_chars("Hello wonderful world", 12), "Hello…");
        assert_eq!(first_chars("Hello", 5), "Hello");
        assert_eq!(first_chars("Supercalifragilistic", 5), "Super…");
    }

    #[test]
    fn chars_never_split_a_grapheme_cluster() {
        // A flag, a family emoji (ZWJ sequence), a combining accent.
        assert_eq!(first_chars("🇫🇷🇩🇪 x", 1), "🇫🇷…");
        assert_eq!(first_chars("👨‍👩‍👧 and more", 1), "👨‍👩‍👧…");
        assert_eq!(first_chars("e\u{301}te\u{301} ok", 2), "e\u{301}t…");
        // Devanagari conjuncts are clusters too.
        assert_eq!(first_chars("नमस्ते दुनिया", 4), "नमस्ते…");
    }

    #[test]
    fn each_ideograph_is_a_word() {
        assert_eq!(first_chars("東京は日本の首都である。", 3), "東京は…");
        assert_eq!(count_words("東京は日本"), 5);
        assert_eq!(count_words("Dr. Smith's U.S. trip"), 4);
    }
}

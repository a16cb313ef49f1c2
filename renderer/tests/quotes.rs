//! Bold and italic balancing per line.

mod common;

use common::html;


#[test]
fn bold_italic_and_both() {
    assert_eq!(html("''i'' '''b''' '''''bi'''''"), "<p><i>i</i> <b>b</b> <i><b>bi</b></i></p>");
}

#[test]
fn unclosed_quotes_close_at_the_end_of_the_line() {
    assert_eq!(html("''a\nb"), "<p><i>a</i>\nb</p>");
}

#[test]
fn a_single_letter_word_gives_up_its_apostrophe() {
    // Odd counts of both: the bold after a one-letter word becomes an apostrophe and italic.
    assert_eq!(html("l'''amour''"), "<p>l'<i>amour</i></p>");
}

#[test]
fn four_apostrophes_are_one_and_bold() {
    assert_eq!(html("''''a''''"), "<p>'<b>a'</b></p>");
}

#[test]
fn closing_the_outer_element_reopens_the_inner_only_where_content_follows() {
    // Tree building reopens the inner element (the adoption agency), so
    // the end of the line leaves no empty one, as in Parsoid.
    assert_eq!(html("''foo''''bar''"), "<p><i>foo'<b>bar</b></i></p>");
    assert_eq!(html("'''a''b'''c''"), "<p><b>a<i>b</i></b><i>c</i></p>");
    assert_eq!(html("''a'''b''c'''"), "<p><i>a<b>b</b></i><b>c</b></p>");
}

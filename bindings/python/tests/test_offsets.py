"""Offsets are code points into the Python string, never UTF-8 bytes."""

import wikitext

NON_ASCII = "😀 {{天气|城市=北京}} [[Ünïcödé|ссылка]] 😀😀 == x ==\n== Заголовок ==\n[http://例え.jp 例] <!-- ☃ -->"


def every_node(code):
    return code.filter()


def check_offsets(text):
    tree = wikitext.parse(text)
    assert str(tree) == text
    count = 0
    for node in every_node(tree):
        assert text[node.start : node.end] == str(node), node
        count += 1
    for template in tree.filter_templates():
        assert text[template.name.start : template.name.end] == str(template.name)
        for param in template.params:
            assert text[param.start : param.end] == str(param)
            assert text[param.value.start : param.value.end] == str(param.value)
    for link in tree.filter_wikilinks():
        assert text[link.title.start : link.title.end] == str(link.title)
        if link.text is not None:
            assert text[link.text.start : link.text.end] == str(link.text)
    for heading in tree.filter_headings():
        assert text[heading.title.start : heading.title.end] == str(heading.title)
    for tag in tree.filter_tags():
        for attribute in tag.attributes:
            assert text[attribute.start : attribute.end] == str(attribute)
    for section in tree.get_sections():
        assert text[section.start : section.end] == str(section)
    return count


def test_non_ascii_offsets():
    assert check_offsets(NON_ASCII) > 20
    tree = wikitext.parse(NON_ASCII)
    template = tree.filter_templates()[0]
    assert template.start == 2
    assert template.get("城市").value.strip() == "北京"
    assert str(tree.filter_wikilinks()[0].text) == "ссылка"


def test_ascii_offsets():
    assert check_offsets("{{a|b=c}} [[d|e]] == f ==\n== g ==\n") > 5


def test_corpus_offsets(corpus_pages):
    for name, text in corpus_pages:
        assert check_offsets(text) > 0, name
        assert str(wikitext.parse(text)) == text, name


def test_offsets_at_every_byte_length_around_the_index_blocks():
    # Code points are counted from a table kept per 64 bytes: a text whose
    # UTF-8 length is a whole number of blocks ends exactly at one.
    for length in range(56, 140):
        for filler in ("é", "日", "😀"):
            head = filler * 3
            tail = "<ref>ü</ref>[[l|é]]{{t|x}}"
            padding = "a" * max(0, length - len((head + tail).encode()))
            text = head + padding + tail
            check_offsets(text)
            # (A slice past the end is cut short: the end must be exact.)
            assert wikitext.parse(text).filter_templates()[-1].end == len(text)

"""media=: what the wiki knows of its files, from a dict or a callable."""

import pytest

import wikitext

EXAMPLE = {
    "url": "https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg",
    "width": 275,
    "height": 297,
}


def fragment(text, **kwargs):
    return wikitext.to_html(text, body_only=True, wrap_sections=False, **kwargs)


def test_without_media_every_file_is_missing():
    html = fragment("[[File:Example.jpg|thumb|A caption]]")
    assert "mw:Error" in html
    assert "Special:Upload?wpDestFile=Example.jpg" in html


def test_a_dict_of_files():
    html = fragment("[[File:Example.jpg|thumb|A caption]]", media={"Example.jpg": EXAMPLE})
    assert "mw:Error" not in html
    assert 'typeof="mw:File/Thumb"' in html
    # The thumbnail (the default wiki's 180 pixels) is where MediaWiki puts it beside the original.
    assert "https://upload.wikimedia.org/wikipedia/commons/thumb/a/a9/Example.jpg/180px-Example.jpg" in html
    assert 'data-file-width="275"' in html and 'data-file-height="297"' in html
    assert "A caption" in html


def test_names_match_as_titles_do():
    files = {"File:Example image.jpg": dict(EXAMPLE, url="https://example.org/Example_image.jpg")}
    html = fragment("[[File:example_image.jpg]]", media=files)
    assert "mw:Error" not in html
    assert "https://example.org/Example_image.jpg" in html


def test_a_callable_is_asked_once_per_file():
    asked = []

    def lookup(name):
        asked.append(name)
        return EXAMPLE if name.startswith("Example") else None

    html = fragment("[[File:Example.jpg]] [[File:Example.jpg|x]] [[File:Missing.png]]", media=lookup)
    assert html.count('typeof="mw:Error') == 1
    assert sorted(set(asked)) == ["Example.jpg", "Missing.png"]
    assert asked.count("Example.jpg") == 1


def test_video_with_a_duration():
    clip = {"url": "https://example.org/c/c1/Clip.webm", "width": 640, "height": 360, "duration": 12.5}
    html = fragment("[[File:Clip.webm]]", media={"Clip.webm": clip})
    assert "<video" in html
    assert 'data-durationhint="13"' in html or "durationhint" in html


def test_the_callables_exception_is_raised():
    def lookup(name):
        raise KeyError(name)

    with pytest.raises(KeyError):
        fragment("[[File:Example.jpg]]", media=lookup)


@pytest.mark.parametrize(
    "media, message",
    [
        ("files", "media must be a dict"),
        ({"Example.jpg": "url"}, "described by a dict"),
        ({"Example.jpg": {"width": 1, "height": 1}}, '"url" is required'),
        ({"Example.jpg": dict(EXAMPLE, width="wide")}, '"width" must be an int'),
        ({"Example.jpg": dict(EXAMPLE, colour="red")}, 'unknown key "colour"'),
        ({1: EXAMPLE}, "file names"),
    ],
)
def test_bad_media_is_a_type_error(media, message):
    with pytest.raises(TypeError, match=message):
        fragment("[[File:Example.jpg]]", media=media)


def test_a_bad_answer_from_the_callable_is_a_type_error():
    with pytest.raises(TypeError, match="described by a dict"):
        fragment("[[File:Example.jpg]]", media=lambda name: 42)

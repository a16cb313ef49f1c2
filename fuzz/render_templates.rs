// The fixed template set the `render` fuzz target renders with, so fuzzing
// reaches the expander (parameters, parser functions, inclusion tags,
// loops, limits). Short names, so the fuzzer finds them (they are in
// wikitext.dict). Included by fuzz_targets/render.rs and by
// tests/fuzz_render_templates.rs, which checks the regressions with it.

/// `(title, wikitext)` of each template.
pub const RENDER_TEMPLATES: &[(&str, &str)] = &[
    // Echo, and the pipe helper.
    ("Template:E", "{{{1}}}"),
    ("Template:!", "|"),
    // Infobox-like: a row per given parameter, a switch on a type, arithmetic.
    (
        "Template:I",
        "{| class=\"infobox\"\n|+ {{{name|{{PAGENAME}}}}}\n{{#if:{{{a|}}}|{{!}}-\n! A\n{{!}} {{{a}}}}}\n{{#if:{{{b|}}}|{{!}}-\n! B\n{{!}} {{{b}}}}}\n|-\n| {{#switch:{{{t|}}}|x=X|y|z={{{1|}}}|#default={{#expr:{{{n|1}}}*2+1}}}}\n|}",
    ),
    // Citation-like: optional parts.
    (
        "Template:C",
        "{{#if:{{{author|}}}|{{{author}}} ({{#if:{{{date|}}}|{{#time:Y|{{{date}}}}}|{{{year|n.d.}}}}}).&#32;}}''{{{title|T}}}''.{{#if:{{{pub|}}}|&#32;{{{pub}}}.}}",
    ),
    // Arguments spliced into attributes, a style, a link target, a tag.
    ("Template:A", "<span {{{1|}}} title=\"{{{2|}}}\" style=\"{{{3|}}}\">{{{4|a}}}</span>"),
    ("Template:L", "[{{{1|http://x.test}}} {{{2|l}}}]"),
    ("Template:T", "{{#tag:{{{1|span}}}|{{{2|x}}}|{{{3|}}}}}"),
    // Inclusion tags.
    ("Template:N", "<noinclude>n</noinclude><includeonly>i{{{1|}}}</includeonly>x<onlyinclude>o{{{1|}}}</onlyinclude>"),
    // A loop, a mutual loop, and a small bomb (argument doubling, 8 levels).
    ("Template:R", "r{{R}}"),
    ("Template:P", "p{{Q|{{{1|}}}}}"),
    ("Template:Q", "q{{P|{{{1|}}}}}"),
    ("Template:B", "{{B1|{{{1|b}}}{{{1|b}}}}}"),
    ("Template:B1", "{{B2|{{{1}}}{{{1}}}}}"),
    ("Template:B2", "{{B3|{{{1}}}{{{1}}}}}"),
    ("Template:B3", "{{B4|{{{1}}}{{{1}}}}}"),
    ("Template:B4", "{{B5|{{{1}}}{{{1}}}}}"),
    ("Template:B5", "{{B6|{{{1}}}{{{1}}}}}"),
    ("Template:B6", "{{B7|{{{1}}}{{{1}}}}}"),
    ("Template:B7", "{{{1}}}{{{1}}}"),
    // A redirect.
    ("Template:D", "#REDIRECT [[Template:E]]"),
    // A message of the wiki's (`{{int:m|...}}`), which calls itself.
    ("MediaWiki:M", "$1 <b>$2</b> {{{1|}}} {{int:m|$1}}"),
];

// Smoke test of the built Node package (pkg-node/): loads it the way a user
// would, through its package.json, and exercises the API and its errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const wikitext = require('../pkg-node');

test('the package exports toHtml, toText, expand, footnotes, parse and knownWikis, nothing else', () => {
  assert.deepEqual(Object.keys(wikitext).sort(), ['expand', 'footnotes', 'knownWikis', 'parse', 'toHtml', 'toText']);
});

test('wiki: a page of one of the described Wikipedias', () => {
  const wikis = wikitext.knownWikis();
  assert.equal(wikis.length, 21);
  assert.deepEqual([...wikis].sort(), wikis);
  assert.ok(wikis.includes('dewiki') && wikis.includes('jawiki'));
  const html = wikitext.toHtml('[[Datei:Tor.jpg|mini|Das Tor]] {{SEITENNAME}}\n[[Kategorie:Stadt]]', {
    bodyOnly: true, title: 'Berlin', wiki: 'dewiki',
  });
  assert.match(html, /typeof="mw:Error mw:File\/Thumb"/);
  assert.match(html, /<link rel="mw:PageProp\/Category" href="\.\/Kategorie:Stadt"\/>/);
  assert.match(html, />Berlin</);
  assert.equal(wikitext.expand('{{#time:F|2008-03-15}} {{formatnum:1234.5}}', { wiki: 'dewiki' }), 'März 1.234,5');
  assert.equal(wikitext.toText('[[Kategorie:Stadt]]Berlin.', { wiki: 'dewiki' }), 'Berlin.');
  assert.equal(wikitext.footnotes('A<ref>[[Datei:X.jpg]]</ref>', { wiki: 'dewiki' }).length, 1);
  assert.throws(() => wikitext.toHtml('x', { wiki: 'xxwiki' }), {
    name: 'RangeError',
    message: /^toHtml: option wiki: unknown wiki "xxwiki"; the wikis described are arwiki, /,
  });
  assert.throws(() => wikitext.expand('x', { wiki: 3 }), { name: 'TypeError', message: 'expand: option wiki must be a string, got number' });
});

test('toText gives the readable text, cut at Unicode boundaries', () => {
  const src = '== Life ==\nDr. Ada wrote.<ref>A source.</ref> She died.\n{| class="infobox"\n| 1815\n|}\n* An item';
  assert.equal(wikitext.toText(src), 'Life\nDr. Ada wrote. She died.\nAn item');
  assert.equal(wikitext.toText(src, { sentences: 2 }), 'Life\nDr. Ada wrote.');
  assert.equal(wikitext.toText('Hello wonderful world', { chars: 12 }), 'Hello…');
  assert.equal(wikitext.toText('北京是中国的首都。', { chars: 4 }), '北京是中…');
  assert.equal(wikitext.toText('{{Greet|{{PAGENAME}}}}', { title: 'Ada', pages: { 'Template:Greet': 'Hi, {{{1}}}.' } }), 'Hi, Ada.');
});

test('toText limits are typed errors', () => {
  assert.throws(() => wikitext.toText('x', { sentences: 1, chars: 2 }), RangeError);
  assert.throws(() => wikitext.toText('x', { chars: -1 }), RangeError);
  assert.throws(() => wikitext.toText('x', { sentences: 1.5 }), RangeError);
  assert.throws(() => wikitext.toText('x', { chars: '3' }), TypeError);
  assert.throws(() => wikitext.toText('x', { bodyOnly: true }), TypeError);
  assert.throws(() => wikitext.toText(3), TypeError);
});

test('toHtml renders a fragment and a full page', () => {
  assert.equal(wikitext.toHtml("''world''", { bodyOnly: true, wrapSections: false }), '<p><i>world</i></p>');
  const page = wikitext.toHtml('== Hello ==\ntext', { title: 'Greeting' });
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /<title>Greeting<\/title>/);
  assert.match(page, /<section data-mw-section-id="1"[^>]*><h2 id="Hello">Hello<\/h2>/);
});

test('parse returns a plain tree with UTF-16 ranges', () => {
  const text = '== Été ==\n{{Gâteau|😀=🍰}} [[Ünïcode|text]]';
  const tree = wikitext.parse(text);
  assert.equal(tree.kind, 'DOCUMENT');
  assert.deepEqual([tree.start, tree.end], [0, text.length]);
  const kinds = new Set();
  const stack = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    kinds.add(node.kind);
    if ('text' in node) assert.equal(text.slice(node.start, node.end), node.text);
    else stack.push(...node.children);
  }
  for (const kind of ['HEADING', 'TEMPLATE', 'TEMPLATE_NAME', 'ARGUMENT_NAME', 'ARGUMENT_VALUE', 'WIKI_LINK', 'LINK_TARGET', 'LINK_TEXT']) {
    assert.ok(kinds.has(kind), kind);
  }
  // A lone surrogate (possible in JS strings, not in Rust's) becomes U+FFFD,
  // which is one UTF-16 unit too, so the offsets still fit the JS string.
  const lone = 'a\uD800b [[x]]';
  assert.equal(wikitext.parse(lone).end, lone.length);
  // JSON round trip: the tree is plain data.
  assert.deepEqual(JSON.parse(JSON.stringify(tree)), tree);
});

test("the READMEs' Node examples", () => {
  assert.equal(wikitext.toHtml("''Hello'' world", { bodyOnly: true, wrapSections: false }), '<p><i>Hello</i> world</p>');
  assert.equal(wikitext.toHtml("''Hello''", { bodyOnly: true, wrapSections: false }), '<p><i>Hello</i></p>');
  const template = wikitext.parse('{{Greeting|name=Ada}}').children[0];
  assert.deepEqual([template.kind, template.start, template.end], ['TEMPLATE', 0, 21]);
  assert.equal(wikitext.expand('a {{Echo|b}} c', { pages: { 'Template:Echo': '[{{{1}}}]' } }), 'a [b] c');
  const pages = { 'Template:Echo': '[{{{1|none}}}]<noinclude>doc</noinclude>' };
  assert.equal(wikitext.expand('a {{Echo|b}} c', { pages }), 'a [b] c');
  assert.match(
    wikitext.toHtml('{{Echo|b}}', { pages: (title) => pages[title], bodyOnly: true }),
    /^<section data-mw-section-id="0"><p><span about="#mwt1" typeof="mw:Transclusion" data-mw='[^']*'>\[b\]<\/span><\/p><\/section>$/,
  );
});

test('media: files from an object or a function', () => {
  const example = { url: 'https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg', width: 275, height: 297 };
  const missing = wikitext.toHtml('[[File:Example.jpg|thumb|Caption]]', { bodyOnly: true });
  assert.match(missing, /typeof="mw:Error mw:File\/Thumb"/);
  for (const media of [{ 'Example.jpg': example }, new Map([['File:Example.jpg', example]]), (name) => (name === 'Example.jpg' ? example : null)]) {
    const html = wikitext.toHtml('[[File:Example.jpg|thumb|Caption]]', { bodyOnly: true, media });
    assert.match(html, /typeof="mw:File\/Thumb"/);
    assert.ok(html.includes('https://upload.wikimedia.org/wikipedia/commons/thumb/a/a9/Example.jpg/180px-Example.jpg'), html);
  }
  const asked = [];
  wikitext.toHtml('[[File:A.png]] [[File:A.png|x]] [[Image:B.png]]', { media: (name) => { asked.push(name); } });
  assert.deepEqual(asked, ['A.png', 'B.png']);
  assert.throws(() => wikitext.toHtml('[[File:A.png]]', { media: () => { throw new RangeError('no files'); } }), RangeError);
  assert.throws(() => wikitext.toHtml('x', { media: { 'A.png': { width: 1, height: 1 } } }), {
    name: 'TypeError',
    message: 'toHtml: media["A.png"]: the key "url" is required',
  });
  assert.throws(() => wikitext.toHtml('x', { media: { 'A.png': { ...example, colour: 'red' } } }), {
    name: 'TypeError',
    message: /unknown key "colour"/,
  });
  assert.throws(() => wikitext.toHtml('[[File:A.png]]', { media: () => 42 }), { name: 'TypeError', message: /described by an object/ });
  assert.throws(() => wikitext.toHtml('x', { media: 'files' }), { name: 'TypeError', message: /option media must be an object/ });
});

test('bad input throws TypeError with a clear message', () => {
  assert.throws(() => wikitext.toHtml(42), { name: 'TypeError', message: 'toHtml: text must be a string, got number' });
  assert.throws(() => wikitext.parse(undefined), { name: 'TypeError', message: 'parse: text must be a string, got undefined' });
  assert.throws(() => wikitext.toHtml('x', { bodyonly: true }), {
    name: 'TypeError',
    message: 'toHtml: unknown option "bodyonly"; the options are title, bodyOnly, wrapSections, pages, tags, functions, modules, media and wiki',
  });
  assert.throws(() => wikitext.expand('x', { bodyOnly: true }), {
    name: 'TypeError',
    message: 'expand: unknown option "bodyOnly"; the options are title, pages, functions, modules and wiki',
  });
  assert.throws(() => wikitext.toHtml('x', { pages: 'Template:Echo' }), {
    name: 'TypeError',
    message: 'toHtml: option pages must be an object of title to wikitext or a function, got string',
  });
  assert.throws(() => wikitext.toHtml('x', { title: 7 }), { name: 'TypeError', message: 'toHtml: option title must be a string, got number' });
  assert.throws(() => wikitext.toHtml('x', 'bodyOnly'), { name: 'TypeError', message: /options must be an object.*got string/ });
  // Still usable afterwards.
  assert.equal(wikitext.toHtml('x', { bodyOnly: true, wrapSections: false }), '<p>x</p>');
});

test('pages: an object, a Map or a function', () => {
  const pages = { 'Template:Echo': '[{{{1|none}}}]<noinclude>doc</noinclude>' };
  assert.equal(wikitext.expand('a {{Echo|b}} c', { pages }), 'a [b] c');
  assert.equal(wikitext.expand('{{Echo}}', { pages: new Map(Object.entries(pages)) }), '[none]');
  assert.equal(wikitext.expand('{{PAGENAME}}', { title: 'Talk:Ada' }), 'Ada');
  // Every magic variable reads the clock, which must not be std::time on wasm32
  // (the time formats themselves are still placeholders: possibly empty).
  assert.ok(['', String(new Date().getUTCFullYear())].includes(wikitext.expand('{{CURRENTYEAR}}')));
  assert.match(wikitext.toHtml('{{CURRENTYEAR}} {{PAGENAME}}'), /Main Page/);
  const asked = [];
  const lookup = (title) => {
    asked.push(title);
    return pages[title];
  };
  const html = wikitext.toHtml('{{echo|b}} {{Echo|b}} {{Missing}}', { pages: lookup, bodyOnly: true });
  assert.match(html, /typeof="mw:Transclusion"/);
  assert.match(html, /\[b\]/);
  assert.deepEqual(asked.sort(), ['Template:Echo', 'Template:Missing']);
});

test('an error thrown by the pages function reaches the caller', () => {
  class PageError extends Error {}
  const thrown = new PageError('offline');
  assert.throws(() => wikitext.toHtml('{{Echo}}', { pages: () => { throw thrown; } }), (error) => error === thrown);
  assert.throws(() => wikitext.expand('{{Echo}}', { pages: () => 42 }), {
    name: 'TypeError',
    message: 'expand: the pages function must return a string, null or undefined, got number for "Template:Echo"',
  });
  assert.equal(wikitext.expand('{{Echo}}', { pages: () => null }), '[[:Template:Echo]]');
});

test('functions: parser functions of your own', () => {
  const calls = [];
  const functions = { '#shout': (args) => { calls.push(args); return args.join(' ').toUpperCase(); } };
  assert.equal(wikitext.expand('{{#Shout: a | b=c }}{{#shout}}', { functions }), 'A B=C');
  assert.deepEqual(calls, [['a', 'b=c'], []]);
  assert.match(wikitext.toHtml('{{#shout:hi}}', { functions, bodyOnly: true }), /typeof="mw:Transclusion mw:ParserFunction\/shout"[^>]*>HI</);
  const thrown = new RangeError('no');
  assert.throws(() => wikitext.toText('{{#bad:}}', { functions: { '#bad': () => { throw thrown; } } }), (error) => error === thrown);
  assert.throws(() => wikitext.expand('x', { functions: { 'a b': () => '' } }), TypeError);
});

test('modules: {{#invoke:}} answered by JavaScript', () => {
  const modules = { 'Module:Hello': { hello: (args) => `Hello, ${args['1']}!`, fail: () => ({ scriptError: 'oops' }) } };
  assert.equal(wikitext.expand('{{#invoke:Hello|hello|world}}', { modules }), 'Hello, world!');
  assert.match(wikitext.expand('{{#invoke:hello|fail}}', { modules }), /Script error: oops/);
  assert.match(wikitext.expand('{{#invoke:Hello|hello|x}}', { modules: () => null }), /No such module &quot;Hello&quot;/);
});

test('a 100 KB page renders', () => {
  const example = readFileSync(new URL('../www/examples/tables.wikitext', import.meta.url), 'utf8');
  const copies = Math.ceil(100_000 / example.length);
  const page = example.repeat(copies);
  assert.ok(page.length > 100_000);
  const started = performance.now();
  const html = wikitext.toHtml(page, { bodyOnly: true });
  console.log(`100 KB page: ${page.length} characters to ${html.length} characters of HTML in ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(html.match(/<table/g).length, 2 * copies);
});

test('both packages have a manifest and typings', () => {
  for (const dir of ['pkg', 'pkg-node']) {
    const manifest = JSON.parse(readFileSync(new URL(`../${dir}/package.json`, import.meta.url), 'utf8'));
    assert.equal(manifest.types, 'wikitext_wasm.d.ts');
    const typings = readFileSync(new URL(`../${dir}/${manifest.types}`, import.meta.url), 'utf8');
    assert.match(typings, /export function toHtml\(text: string, options\?: ToHtmlOptions\): string;/);
    assert.match(typings, /export function expand\(text: string, options\?: ExpandOptions\): string;/);
    assert.match(typings, /pages\?: Pages;/);
    assert.match(typings, /functions\?: Record<string, FunctionHandler>;/);
    assert.match(typings, /modules\?: Modules;/);
    assert.match(typings, /export type FunctionHandler = \(args: string\[\]\) => string \| null \| undefined;/);
    assert.match(typings, /export function parse\(text: string\): SyntaxNode;/);
    assert.match(typings, /export interface SyntaxNode/);
  }
});

test('footnotes lists the notes with their bodies rendered', () => {
  const notes = wikitext.footnotes("a<ref name=n>''One''</ref> b<ref name=n/>");
  assert.equal(notes.length, 1);
  assert.equal(notes[0].html, '<i>One</i>');
  assert.deepEqual(notes[0].refIds, ['cite_ref-n_1-0', 'cite_ref-n_1-1']);
  assert.throws(() => wikitext.footnotes('x', { bodyOnly: true }), TypeError);
});

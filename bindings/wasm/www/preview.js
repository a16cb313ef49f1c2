// The live preview: wikitext on the left, the rendered page on the right,
// re-rendered in a worker shortly after the user stops typing.

// Wait this long after the last keystroke before rendering.
const DEBOUNCE_MS = 150;
// Parsoid's attributes shown by the inspector, in this order.
const INSPECTED_ATTRIBUTES = ['typeof', 'rel', 'about', 'href', 'id', 'data-mw'];
const INSPECTED_SELECTOR = '[typeof], [rel], [about], [data-mw]';

// Styles of the rendered page, inside its iframe (kept apart from ours).
const FRAME_STYLE = `
  body { font: 15px/1.6 sans-serif; color: #202122; margin: 0.8em; }
  a { color: #36c; text-decoration: none; }
  a:hover { text-decoration: underline; }
  a.new { color: #d73333; }
  h1, h2 { font-family: Georgia, serif; font-weight: normal; border-bottom: 1px solid #a2a9b1; }
  table.wikitable { border-collapse: collapse; background: #f8f9fa; margin: 1em 0; }
  table.wikitable > * > tr > th, table.wikitable > * > tr > td { border: 1px solid #a2a9b1; padding: 0.2em 0.4em; }
  table.wikitable > * > tr > th { background: #eaecf0; }
  pre { background: #f8f9fa; border: 1px solid #eaecf0; padding: 0.8em; white-space: pre-wrap; }
  [typeof~="mw:Transclusion"] { background: #fef6e7; }
  .wt-inspected { outline: 2px solid #36c; outline-offset: 1px; }
`;

const source = document.getElementById('source');
const status = document.getElementById('status');
const exampleSelect = document.getElementById('example');
const wrapSections = document.getElementById('wrap-sections');
const wikiChoice = document.getElementById('wiki');
const renderedFrame = document.getElementById('rendered');
const htmlPanel = document.getElementById('html');
const treePanel = document.getElementById('tree');
const inspector = document.getElementById('inspector');
const tabs = [...document.querySelectorAll('[role="tab"]')];

let activePanel = 'rendered';
let workerReady = false;
let renderInFlight = false; // One request at a time: the worker never queues stale text.
let textChanged = false;    // The text changed while a render was running.
let debounceTimer;
let lastHtml = '';
let lastTree = null;
let inspected = null;

const frameLoaded = new Promise((resolve) => {
  renderedFrame.addEventListener('load', resolve, { once: true });
  renderedFrame.srcdoc = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${FRAME_STYLE}</style></head><body></body></html>`;
});
const frameDocument = () => renderedFrame.contentDocument;

const worker = new Worker(new URL('./render-worker.js', import.meta.url), { type: 'module' });

worker.onmessage = async ({ data }) => {
  if (data.type === 'ready') {
    for (const wiki of data.wikis) wikiChoice.add(new Option(wiki, wiki));
    workerReady = true;
    requestRender();
    return;
  }
  if (data.type === 'failed') {
    showStatus(data.message, 'error');
    return;
  }
  renderInFlight = false;
  if (data.type === 'rendered') {
    await showRendered(data);
  } else {
    showStatus(`Error: ${data.message}`, 'error');
  }
  if (textChanged) requestRender();
};

function scheduleRender() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(requestRender, DEBOUNCE_MS);
}

function requestRender() {
  clearTimeout(debounceTimer);
  if (!workerReady || renderInFlight) {
    textChanged = true;
    return;
  }
  renderInFlight = true;
  textChanged = false;
  status.dataset.state = 'rendering';
  worker.postMessage({
    text: source.value,
    wrapSections: wrapSections.checked,
    wiki: wikiChoice.value,
    wantTree: activePanel === 'tree',
  });
}

async function showRendered({ html, renderMs, tree }) {
  await frameLoaded;
  lastHtml = html;
  lastTree = tree;
  inspected = null;
  frameDocument().body.innerHTML = html;
  if (activePanel === 'html') htmlPanel.textContent = html;
  if (activePanel === 'tree' && tree !== null) treePanel.textContent = tree;
  const chars = source.value.length.toLocaleString('en');
  showStatus(`${chars} characters rendered in ${renderMs.toFixed(1)} ms`, 'rendered');
}

function showStatus(message, state) {
  status.textContent = message;
  status.dataset.state = state;
  status.classList.toggle('error', state === 'error');
}

function selectPanel(name) {
  activePanel = name;
  for (const tab of tabs) tab.setAttribute('aria-selected', String(tab.dataset.panel === name));
  renderedFrame.hidden = name !== 'rendered';
  htmlPanel.hidden = name !== 'html';
  treePanel.hidden = name !== 'tree';
  // The source and tree panels are filled only when shown: a 100 KB page
  // makes megabytes of text that nobody may look at.
  if (name === 'html') htmlPanel.textContent = lastHtml;
  if (name === 'tree') {
    if (lastTree === null) requestRender();
    else treePanel.textContent = lastTree;
  }
}

// Show the Parsoid attributes of the element under the pointer and of its
// ancestors that have some: a link inside a template shows both.
function inspect(target) {
  if (target === inspected) return;
  inspected = target;
  const chain = [];
  for (let element = target; element && element !== element.ownerDocument.body; element = element.parentElement) {
    if (element.matches(INSPECTED_SELECTOR)) chain.push(element);
  }
  frameDocument().querySelector('.wt-inspected')?.classList.remove('wt-inspected');
  (chain[0] ?? target).classList.add('wt-inspected');
  if (chain.length === 0) {
    inspector.replaceChildren(entryList(target, []));
    return;
  }
  inspector.replaceChildren(...chain.map((element) => entryList(element, INSPECTED_ATTRIBUTES)));
}

// `<tag>` and the given attributes of `element` that it has.
function entryList(element, attributes) {
  const list = document.createElement('dl');
  addEntry(list, 'element', `<${element.tagName.toLowerCase()}>`);
  for (const name of attributes) {
    const value = element.getAttribute(name);
    if (value !== null) addEntry(list, name, name === 'data-mw' ? prettyJson(value) : value);
  }
  if (list.children.length === 2) addEntry(list, 'Parsoid attributes', '(none)');
  return list;
}

function addEntry(list, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  dd.dataset.attribute = term;
  list.append(dt, dd);
}

function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

async function loadExample(name) {
  const response = await fetch(`examples/${name}.wikitext`);
  if (!response.ok) {
    showStatus(`Could not load the example ${name}: ${response.status}`, 'error');
    return;
  }
  source.value = await response.text();
  requestRender();
}

source.addEventListener('input', scheduleRender);
wrapSections.addEventListener('change', requestRender);
wikiChoice.addEventListener('change', requestRender);
exampleSelect.addEventListener('change', () => {
  if (exampleSelect.value) loadExample(exampleSelect.value);
});
for (const tab of tabs) tab.addEventListener('click', () => selectPanel(tab.dataset.panel));

frameLoaded.then(() => {
  const doc = frameDocument();
  doc.addEventListener('mouseover', (event) => inspect(event.target));
  // Links point at wiki pages that do not exist here; keep the preview in place.
  doc.addEventListener('click', (event) => {
    if (event.target.closest?.('a')) event.preventDefault();
  });
});

exampleSelect.value = 'basics';
loadExample('basics');

// Renders in a Web Worker so that typing stays responsive on large pages:
// the main thread only posts the text and inserts the finished HTML.
import init, { toHtml, parse, knownWikis } from '../pkg/wikitext_wasm.js';

// The syntax-tree dump stops here, so a huge page cannot flood the panel.
const MAX_TREE_LINES = 20000;

const ready = init().then(
  () => postMessage({ type: 'ready', wikis: knownWikis() }),
  (error) => postMessage({ type: 'failed', message: `Could not load the WebAssembly module: ${error}` }),
);

onmessage = async ({ data }) => {
  await ready;
  const { id, text, wrapSections, wiki, wantTree } = data;
  try {
    const started = performance.now();
    // An empty choice is the default English wiki.
    const html = toHtml(text, { bodyOnly: true, wrapSections, wiki: wiki || undefined });
    const renderMs = performance.now() - started;
    const tree = wantTree ? dumpTree(parse(text)) : null;
    postMessage({ type: 'rendered', id, html, renderMs, tree });
  } catch (error) {
    postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
};

// `KIND start..end "text"`, one line per node, indented by depth.
function dumpTree(root) {
  const lines = [];
  const stack = [[root, 0]];
  while (stack.length > 0 && lines.length < MAX_TREE_LINES) {
    const [node, depth] = stack.pop();
    const text = node.text === undefined ? '' : ` ${JSON.stringify(node.text)}`;
    lines.push(`${'  '.repeat(depth)}${node.kind} ${node.start}..${node.end}${text}`);
    if (node.children) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1]);
    }
  }
  if (stack.length > 0) lines.push(`… (stopped after ${MAX_TREE_LINES} lines)`);
  return lines.join('\n');
}

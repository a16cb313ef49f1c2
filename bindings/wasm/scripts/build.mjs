// `npm run build`: compiles the crate for wasm32, then makes two npm
// packages from it: pkg/ (browsers and bundlers, ES module, `--target web`)
// and pkg-node/ (Node, CommonJS, `--target nodejs`), each shrunk with
// wasm-opt and given its own package.json, README and licenses.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const crateDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(crateDir, '../..');
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repoDir, 'target');
const wasmFile = join(targetDir, 'wasm32-unknown-unknown', 'wasm-release', 'wikitext_wasm.wasm');
const wasmOpt = join(crateDir, 'node_modules', '.bin', 'wasm-opt');

// Features Rust's wasm32 target uses by default; wasm-opt must accept them.
const WASM_FEATURES = [
  '--enable-bulk-memory',
  '--enable-mutable-globals',
  '--enable-sign-ext',
  '--enable-nontrapping-float-to-int',
  '--enable-reference-types',
  '--enable-multivalue',
];

const version = readFileSync(join(repoDir, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

const PACKAGES = [
  {
    dir: 'pkg',
    target: 'web',
    manifest: {
      name: 'wikitext-wasm',
      description: 'Render MediaWiki wikitext to Parsoid HTML and parse it to a lossless tree, in the browser (WebAssembly)',
      type: 'module',
      main: 'wikitext_wasm.js',
      module: 'wikitext_wasm.js',
      types: 'wikitext_wasm.d.ts',
      sideEffects: ['./snippets/*'],
    },
  },
  {
    dir: 'pkg-node',
    target: 'nodejs',
    manifest: {
      name: 'wikitext-wasm-node',
      description: 'Render MediaWiki wikitext to Parsoid HTML and parse it to a lossless tree, in Node (WebAssembly)',
      main: 'wikitext_wasm.js',
      types: 'wikitext_wasm.d.ts',
    },
  },
];

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', cwd: crateDir, ...options });
}

/** The output of a command, or null when it cannot run. */
function probe(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

// What the build needs beyond Rust itself, installed when missing so that
// `npm ci && npm run build` works on a fresh machine: the wasm32 target and
// wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock.
function installPrerequisites() {
  // Where `cargo install` puts wasm-bindgen, whether or not the shell has it on PATH.
  const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
  process.env.PATH = `${cargoBin}${delimiter}${process.env.PATH ?? ''}`;
  const installed = probe('rustup', ['target', 'list', '--installed']);
  if (installed === null) {
    throw new Error('rustup not found: it installs the wasm32-unknown-unknown target (https://rustup.rs)');
  }
  if (!installed.split('\n').includes('wasm32-unknown-unknown')) {
    run('rustup', ['target', 'add', 'wasm32-unknown-unknown']);
  }
  const lock = readFileSync(join(repoDir, 'Cargo.lock'), 'utf8');
  const wanted = lock.match(/^name = "wasm-bindgen"\nversion = "([^"]+)"/m)?.[1];
  if (!wanted) {
    throw new Error('no wasm-bindgen in Cargo.lock');
  }
  const have = probe('wasm-bindgen', ['--version'])?.trim().split(/\s+/)[1];
  if (have !== wanted) {
    // Not --locked: one of its locked dependencies is newer than the registry copy here.
    run('cargo', ['install', 'wasm-bindgen-cli', '--version', wanted]);
  }
}

installPrerequisites();
run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm-release', '-p', 'wikitext-wasm']);

const sizes = [];
for (const { dir, target, manifest } of PACKAGES) {
  const outDir = join(crateDir, dir);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  run('wasm-bindgen', ['--target', target, '--out-dir', outDir, wasmFile]);
  const wasm = join(outDir, 'wikitext_wasm_bg.wasm');
  run(wasmOpt, ['-Oz', ...WASM_FEATURES, wasm, '-o', wasm]);

  const files = ['wikitext_wasm.js', 'wikitext_wasm.d.ts', 'wikitext_wasm_bg.wasm', 'wikitext_wasm_bg.wasm.d.ts', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE'];
  const packageJson = {
    ...manifest,
    version,
    license: 'MIT OR Apache-2.0',
    files,
    keywords: ['wikitext', 'mediawiki', 'parsoid', 'wasm'],
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  copyFileSync(join(crateDir, 'README.md'), join(outDir, 'README.md'));
  for (const license of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(repoDir, license), join(outDir, license));

  const bytes = readFileSync(wasm);
  sizes.push(`${dir}/wikitext_wasm_bg.wasm: ${kb(statSync(wasm).size)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzipped`);
}
console.log(sizes.join('\n'));

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

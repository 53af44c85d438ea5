// Bundles the app in the current directory (its `pnpm build` runs this after tsc): dist/main.js and everything it
// imports, its dependencies included, into dist/bundle/main.mjs, which production runs (Dockerfile,
// start_monitoring.sh). One file of whitespace-free source holds ≈ 8 MB less of the heap than the hundreds of
// modules it replaces, since V8 keeps every loaded module's source (docs/architecture.md "Build").
//
//   node ../../scripts/bundle_app.mjs [--leave-out=PACKAGE,…]
//
// Identifiers are not shortened, so a stack trace names the functions it went through. Lazy imports (the chart
// renderer) become chunks loaded when first used. What cannot be bundled stays a `require` from node_modules:
// native addons (`*.node`, the resvg package that loads one, ssh2's optional cpu-features).
//
// `--leave-out` names packages a dependency loads but the app can never reach (health-monitor: dockerode's SSH
// transport and BuildKit client, since DOCKER_HOST accepts no ssh://; both apps: iconv-lite, the charset decoder
// of Express's body parsers, since no route reads a request body). Each becomes a stand-in whose every export
// throws when called, naming the package, so nothing fails silently if that changes.
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'

const { values } = parseArgs({ options: { 'leave-out': { type: 'string', default: '' } } })
const leftOut = values['leave-out'].split(',').filter((name) => name !== '')

// CommonJS dependencies inside an ES module bundle still call `require` and read `__dirname`.
const banner = [
  "import { createRequire as __bundleRequire } from 'node:module'",
  "import { dirname as __bundleDirname } from 'node:path'",
  "import { fileURLToPath as __bundleFilePath } from 'node:url'",
  'const require = __bundleRequire(import.meta.url)',
  'const __filename = __bundleFilePath(import.meta.url)',
  'const __dirname = __bundleDirname(__filename)',
].join(';')

/** Any property, at any depth, is a function that throws when called or constructed. */
const standIn = (name) => `
function fail() { throw new Error(${JSON.stringify(`${name} is left out of this bundle (scripts/bundle_app.mjs --leave-out)`)}) }
const handler = { get: (_target, key) => (key === '__esModule' ? false : new Proxy(fail, handler)), apply: fail, construct: fail }
module.exports = new Proxy(fail, handler)
`

const leaveOut = {
  name: 'leave-out',
  setup(build) {
    if (leftOut.length === 0) return
    const filter = new RegExp(
      `^(${leftOut.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`,
    )
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'left-out' }))
    build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: standIn(args.path),
      loader: 'js',
    }))
  },
}

rmSync('dist/bundle', { recursive: true, force: true })
await build({
  entryPoints: ['dist/main.js'],
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['*.node', '@resvg/resvg-js', 'cpu-features'],
  plugins: [leaveOut],
  banner: { js: banner },
  logLevel: 'warning',
})

// Bundles the app in the current directory (its `pnpm build` runs this after tsc): dist/main.js and everything it
// imports, its dependencies included, into dist/bundle/main.mjs, which production runs (Dockerfile,
// start_monitoring.sh). One file of whitespace-free source holds ≈ 8 MB less of the heap than the hundreds of
// modules it replaces, since V8 keeps every loaded module's source (docs/architecture.md "Build").
//
// Identifiers are not shortened, so a stack trace names the functions it went through. Lazy imports (the chart renderer) become
// chunks loaded when first used. What cannot be bundled stays a `require` from node_modules: native addons
// (`*.node`, the resvg package that loads one, ssh2's optional cpu-features).
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

// CommonJS dependencies inside an ES module bundle still call `require` and read `__dirname`.
const banner = [
  "import { createRequire as __bundleRequire } from 'node:module'",
  "import { dirname as __bundleDirname } from 'node:path'",
  "import { fileURLToPath as __bundleFilePath } from 'node:url'",
  'const require = __bundleRequire(import.meta.url)',
  'const __filename = __bundleFilePath(import.meta.url)',
  'const __dirname = __bundleDirname(__filename)',
].join(';')

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
  banner: { js: banner },
  logLevel: 'warning',
})

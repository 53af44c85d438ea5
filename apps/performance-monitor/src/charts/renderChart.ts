import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import { parse, View } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

/**
 * Renders a Vega-Lite spec to SVG with Vega's headless renderer and, for PNG, rasterizes the SVG with resvg (no
 * system canvas needed).
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

// The slim runtime image has no fonts at all, and resvg draws no text without one: the charts ship their own
// (DejaVu Sans, from npm), so titles and labels render the same on every host.
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => join(FONT_DIR, file))

export async function renderChartPng(spec: TopLevelSpec): Promise<Buffer> {
  const svg = await renderChartSvg(spec)
  return new Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng()
}

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { TopLevelSpec } from 'vega-lite'

/**
 * Vega, Vega-Lite and resvg take about 15 MB once loaded, and only charts use them: they are loaded on the
 * first chart request, not at start-up, so a monitor nobody asks for charts stays small (README "What the
 * monitors cost at rest").
 */
let renderers: Promise<Renderers> | undefined
type Renderers = {
  vega: typeof import('vega')
  vegaLite: typeof import('vega-lite')
  resvg: typeof import('@resvg/resvg-js')
}
const loadRenderers = (): Promise<Renderers> => {
  renderers ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]).then(
    ([vega, vegaLite, resvg]) => ({ vega, vegaLite, resvg }),
  )
  return renderers
}

/**
 * Renders a Vega-Lite spec to SVG with Vega's headless renderer and, for PNG, rasterizes the SVG with resvg (no
 * system canvas needed).
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await loadRenderers()
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' })
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
  const { resvg } = await loadRenderers()
  return new resvg.Resvg(svg, {
    fitTo: { mode: 'original' },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng()
}

import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CHART_FONT } from "./theme.js";

/**
 * Renders a vega-lite spec to SVG in Node: compiled to vega, run by a headless View (no DOM, no canvas, no
 * network: the data is inline).
 * @example
 * const svg = await renderSvg({ data: { values: [{ a: 1 }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative" } } });
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Debian's fonts-dejavu-core: loading two files is ~10x faster than scanning every system font per image. */
const DEJAVU = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => `/usr/share/fonts/truetype/dejavu/${f}`);

let fonts: { loadSystemFonts: boolean; fontFiles: string[] } | undefined;

function fontOptions(): { loadSystemFonts: boolean; fontFiles: string[] } {
  fonts ??= DEJAVU.every((f) => existsSync(f))
    ? { loadSystemFonts: false, fontFiles: DEJAVU }
    : { loadSystemFonts: true, fontFiles: [] };
  return fonts;
}

/**
 * Rasterises an SVG to PNG with resvg, at `scale` times its size (2 by default: sharp on high-density screens),
 * in DejaVu Sans (Debian's fonts-dejavu-core), or else with whatever sans-serif the system has.
 * @example
 * writeFileSync("chart.png", renderPng(svg));
 */
export function renderPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "zoom", value: scale },
    font: { ...fontOptions(), defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  });
  return resvg.render().asPng();
}

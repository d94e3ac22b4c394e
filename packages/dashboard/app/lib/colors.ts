import type { Severity } from "../api/types.js";

/** Severity colours: the same in badges, the timeline and the markers on charts. */
export const SEVERITY_COLORS: Record<Severity, string> = {
  low: "#64748b",
  medium: "#ca8a04",
  high: "#ea580c",
  critical: "#dc2626",
};

/** Line colours of series on one chart, distinct on a white background and for common colour blindness. */
export const PALETTE = [
  "#2563eb",
  "#dc2626",
  "#16a34a",
  "#9333ea",
  "#ea580c",
  "#0891b2",
  "#be185d",
  "#4d7c0f",
  "#78716c",
  "#0f766e",
];

export function paletteColor(i: number): string {
  return PALETTE[i % PALETTE.length] as string;
}

/** Colours of reward functions' mean lines: the palette without the orange and purple of the EMA lines. */
const FUNCTION_COLORS = [
  "#2563eb",
  "#dc2626",
  "#16a34a",
  "#0891b2",
  "#be185d",
  "#4d7c0f",
  "#78716c",
  "#0f766e",
];

export function functionColor(i: number): string {
  return FUNCTION_COLORS[i % FUNCTION_COLORS.length] as string;
}

/** A correlation in [-1, 1] as a colour: blue for negative, white for 0, red for positive. */
export function divergingColor(r: number | null): string {
  if (r === null) return "#f1f5f9";
  const t = Math.min(1, Math.abs(r));
  const [cr, cg, cb] = r >= 0 ? [220, 38, 38] : [37, 99, 235];
  const mix = (c: number) => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(cr)}, ${mix(cg)}, ${mix(cb)})`;
}

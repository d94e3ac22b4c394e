import { EventCollector } from "./event-collector.js";
import type { ImportOutput } from "./log-format.js";
import { scalarRowEvents } from "./scalar-row.js";
import { readStep, stepColumn, stepProblem } from "./step-column.js";

/**
 * Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes doubled, newlines),
 * with the 1-based line each row starts on.
 */
export function parseCsv(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== "") rows.push({ cells, line: rowLine });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += c;
  }
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== "") rows.push({ cells, line: rowLine });
  return rows;
}

/**
 * Events from a CSV of scalars with a header and a step column (step, global_step, _step, iteration): each row
 * as a logged row (see scalarRowEvents). Cells that are not numbers (timestamps, notes) and empty cells are
 * left out; a row without a valid step is reported by its line.
 * @example
 * csvToEvents("step,reward,kl\n1,0.5,0.01\n", "log.csv");
 */
export function csvToEvents(text: string, source: string): ImportOutput {
  const out = new EventCollector();
  const [header, ...rows] = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!header) return { format: "scalars-csv", events: [], problems: [`${source}: the file is empty`] };
  const names = header.cells.map((n) => n.trim());
  for (const { cells, line } of rows) {
    const where = `${source}:${line}`;
    if (cells.length !== names.length) {
      out.problem(where, `has ${cells.length} cells, but the header has ${names.length}`);
      continue;
    }
    // No prototype: a column named "__proto__" is a column like any other.
    const raw: Record<string, string> = Object.create(null);
    names.forEach((name, i) => {
      raw[name] = (cells[i] as string).trim();
    });
    const column = stepColumn(raw);
    const step = column === null ? null : readStep(raw[column]);
    if (step === null) {
      out.problem(where, stepProblem(column === null ? undefined : raw[column]));
      continue;
    }
    const values: Record<string, number> = {};
    for (const [name, cell] of Object.entries(raw)) {
      if (name === column || cell === "") continue;
      const value = Number(cell);
      if (Number.isFinite(value)) values[name] = value;
    }
    scalarRowEvents(step, values, out, where);
  }
  return { format: "scalars-csv", events: out.events, problems: out.problems };
}

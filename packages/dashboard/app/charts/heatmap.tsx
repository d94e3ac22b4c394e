import { divergingColor } from "../lib/colors.js";

export interface HeatmapProps {
  labels: readonly string[];
  matrix: readonly (readonly (number | null)[])[];
}

/** A labelled matrix of values in [-1, 1], one coloured cell each, the value written in it. */
export function Heatmap({ labels, matrix }: HeatmapProps) {
  return (
    <div className="heatmap-scroll">
      <table className="heatmap">
        <thead>
          <tr>
            <th />
            {labels.map((label) => (
              <th key={label} className="heatmap-col">
                <span>{label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((row, i) => (
            <tr key={row}>
              <th className="heatmap-row">{row}</th>
              {labels.map((col, j) => {
                const r = matrix[i]?.[j] ?? null;
                return (
                  <td
                    key={col}
                    className="heatmap-cell"
                    style={{
                      background: divergingColor(r),
                      color: r !== null && Math.abs(r) > 0.6 ? "#fff" : "#0f172a",
                    }}
                    title={`${row} × ${col}: ${r === null ? "n/a" : r.toFixed(3)}`}
                  >
                    {r === null ? "" : (Object.is(Math.round(r * 100), -0) ? 0 : r).toFixed(2)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

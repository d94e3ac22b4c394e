/**
 * Binary layouts of the series tables. A step's values: (name id uint32, value float64) pairs, 12 bytes each.
 * A chunk of one series: its steps then its values, float64 each, little-endian, in step order.
 */

const PAIR_BYTES = 12;

/** Packs a step's values by name id. */
export function encodeStepValues(values: ReadonlyMap<number, number>): Buffer {
  const out = Buffer.allocUnsafe(values.size * PAIR_BYTES);
  let offset = 0;
  for (const [id, value] of values) {
    out.writeUInt32LE(id, offset);
    out.writeDoubleLE(value, offset + 4);
    offset += PAIR_BYTES;
  }
  return out;
}

/** The value of name `id` in a packed step, or undefined. */
export function stepValueOf(data: Uint8Array, id: number): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let offset = 0; offset + PAIR_BYTES <= data.byteLength; offset += PAIR_BYTES)
    if (view.getUint32(offset, true) === id) return view.getFloat64(offset + 4, true);
  return undefined;
}

/** Every (name id, value) pair of a packed step. */
export function decodeStepValues(data: Uint8Array): Map<number, number> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = new Map<number, number>();
  for (let offset = 0; offset + PAIR_BYTES <= data.byteLength; offset += PAIR_BYTES)
    out.set(view.getUint32(offset, true), view.getFloat64(offset + 4, true));
  return out;
}

/** Points of one series, in step order. */
export interface SeriesChunk {
  steps: number[];
  values: number[];
}

export function encodeChunk({ steps, values }: SeriesChunk): Buffer {
  const out = Buffer.allocUnsafe(steps.length * 16);
  for (let i = 0; i < steps.length; i++) {
    out.writeDoubleLE(steps[i] as number, i * 8);
    out.writeDoubleLE(values[i] as number, (steps.length + i) * 8);
  }
  return out;
}

export function decodeChunk(data: Uint8Array): SeriesChunk {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = Math.floor(data.byteLength / 16);
  const steps = new Array<number>(n);
  const values = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    steps[i] = view.getFloat64(i * 8, true);
    values[i] = view.getFloat64((n + i) * 8, true);
  }
  return { steps, values };
}

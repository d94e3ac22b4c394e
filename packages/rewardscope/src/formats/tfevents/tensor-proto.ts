import { RewardscopeError } from "@rewardscope/core";
import { expectWire, type ProtoReader, WIRE } from "./proto-reader.js";

/** TensorFlow DataType values whose numbers rewardscope reads. */
export const DTYPE = { float: 1, double: 2, int32: 3, int64: 9 } as const;

/** The numeric content of a TensorProto: its dtype, its shape and its values in row-major order. */
export interface DecodedTensor {
  dtype: number;
  /** Dimension sizes; empty for a scalar. */
  shape: number[];
  /** The values, or null when the dtype is not one of DTYPE (strings, halves, complex…). */
  values: number[] | null;
}

const BYTES_PER_VALUE: Record<number, number> = {
  [DTYPE.float]: 4,
  [DTYPE.double]: 8,
  [DTYPE.int32]: 4,
  [DTYPE.int64]: 8,
};

/**
 * Decodes a TensorProto (dtype=1, tensor_shape=2, tensor_content=4, float_val=5, double_val=6, int_val=7,
 * int64_val=10). The numbers come either from tensor_content (little-endian, packed) or from the *_val field
 * of the dtype; as in TensorFlow, a *_val field shorter than the shape repeats its last value.
 * @example
 * const tensor = decodeTensor(reader.message()); // { dtype: 1, shape: [], values: [0.5] }
 */
export function decodeTensor(reader: ProtoReader): DecodedTensor {
  let dtype = 0;
  let shape: number[] = [];
  let content: Uint8Array | null = null;
  const listed: Record<number, number[]> = { 5: [], 6: [], 7: [], 10: [] };
  for (let field = reader.nextField(); field; field = reader.nextField()) {
    if (field.number === 1) {
      expectWire(field, WIRE.varint, "TensorProto.dtype");
      dtype = reader.varint();
    } else if (field.number === 2) {
      expectWire(field, WIRE.lengthDelimited, "TensorProto.tensor_shape");
      shape = decodeShape(reader.message());
    } else if (field.number === 4) {
      expectWire(field, WIRE.lengthDelimited, "TensorProto.tensor_content");
      content = reader.bytesField();
    } else if (field.number === 5) reader.repeated(field.wireType, (r) => r.float(), listed[5]!);
    else if (field.number === 6) reader.repeated(field.wireType, (r) => r.double(), listed[6]!);
    else if (field.number === 7) reader.repeated(field.wireType, (r) => r.varint(), listed[7]!);
    else if (field.number === 10) reader.repeated(field.wireType, (r) => r.varint(), listed[10]!);
    else reader.skip(field.wireType);
  }
  const size = BYTES_PER_VALUE[dtype];
  if (size === undefined) return { dtype, shape, values: null };
  const count = shape.reduce((product, dim) => product * dim, 1);
  if (!(count >= 0 && count <= MAX_VALUES))
    throw new RewardscopeError("invalid_event", `tensor shape [${shape.join(", ")}] is not a readable size`);
  const values =
    content !== null && content.length > 0
      ? fromContent(content, dtype, size)
      : fillTo(listed[VALUE_FIELD[dtype]!]!, count);
  return { dtype, shape, values };
}

/** More values than any scalar or histogram holds: a guard against a corrupt shape, not a product limit. */
const MAX_VALUES = 1 << 24;

const VALUE_FIELD: Record<number, number> = {
  [DTYPE.float]: 5,
  [DTYPE.double]: 6,
  [DTYPE.int32]: 7,
  [DTYPE.int64]: 10,
};

function decodeShape(reader: ProtoReader): number[] {
  const dims: number[] = [];
  for (let field = reader.nextField(); field; field = reader.nextField()) {
    if (field.number !== 2) {
      reader.skip(field.wireType);
      continue;
    }
    expectWire(field, WIRE.lengthDelimited, "TensorShapeProto.dim");
    const dim = reader.message();
    let size = 0;
    for (let inner = dim.nextField(); inner; inner = dim.nextField()) {
      if (inner.number === 1 && inner.wireType === WIRE.varint) size = dim.varint();
      else dim.skip(inner.wireType);
    }
    dims.push(size);
  }
  return dims;
}

function fromContent(content: Uint8Array, dtype: number, size: number): number[] {
  if (content.length % size !== 0)
    throw new RewardscopeError(
      "invalid_event",
      `tensor_content has ${content.length} bytes, not a multiple of ${size} (dtype ${dtype})`,
    );
  const view = new DataView(content.buffer, content.byteOffset, content.length);
  const values: number[] = [];
  for (let at = 0; at + size <= content.length; at += size) {
    if (dtype === DTYPE.float) values.push(view.getFloat32(at, true));
    else if (dtype === DTYPE.double) values.push(view.getFloat64(at, true));
    else if (dtype === DTYPE.int32) values.push(view.getInt32(at, true));
    else values.push(Number(view.getBigInt64(at, true)));
  }
  return values;
}

function fillTo(values: number[], count: number): number[] {
  // TensorFlow's convention: an empty list is all zeros, a short one repeats its last value.
  const last = values.length > 0 ? values[values.length - 1]! : 0;
  while (values.length < count) values.push(last);
  return values;
}

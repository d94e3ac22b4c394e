/**
 * A tiny Thrift compact-protocol writer, enough to spell out Parquet's page headers and file footer in tests.
 * A struct is written as a list of [field id, value] pairs in increasing field order.
 */
export type ThriftValue =
  | { i32: number }
  | { i64: number }
  | { binary: string | Uint8Array }
  | { list: ThriftValue[]; of: "i32" | "binary" | "struct" }
  | { struct: ThriftField[] };
export type ThriftField = [id: number, value: ThriftValue];

const TYPE = { i32: 5, i64: 6, binary: 8, list: 9, struct: 12 } as const;

export function encodeStruct(fields: ThriftField[]): number[] {
  const out: number[] = [];
  writeStruct(out, fields);
  return out;
}

function writeStruct(out: number[], fields: ThriftField[]): void {
  let last = 0;
  for (const [id, value] of fields) {
    const delta = id - last;
    if (delta < 1 || delta > 15)
      throw new Error(`field ${id} after ${last}: the fixture writes short headers only`);
    out.push((delta << 4) | typeOf(value));
    writeValue(out, value);
    last = id;
  }
  out.push(0); // STOP
}

function typeOf(value: ThriftValue): number {
  if ("i32" in value) return TYPE.i32;
  if ("i64" in value) return TYPE.i64;
  if ("binary" in value) return TYPE.binary;
  if ("list" in value) return TYPE.list;
  return TYPE.struct;
}

function writeValue(out: number[], value: ThriftValue): void {
  if ("i32" in value || "i64" in value) writeVarint(out, zigzag("i32" in value ? value.i32 : value.i64));
  else if ("binary" in value) {
    const bytes = typeof value.binary === "string" ? new TextEncoder().encode(value.binary) : value.binary;
    writeVarint(out, bytes.length);
    out.push(...bytes);
  } else if ("list" in value) {
    const size = value.list.length;
    const elementType = TYPE[value.of];
    if (size < 15) out.push((size << 4) | elementType);
    else {
      out.push(0xf0 | elementType);
      writeVarint(out, size);
    }
    for (const item of value.list) writeValue(out, item);
  } else writeStruct(out, value.struct);
}

function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

export function writeVarint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

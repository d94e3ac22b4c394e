import { gzipSync } from "node:zlib";
import { encodeStruct, type ThriftField, type ThriftValue, writeVarint } from "./thrift-compact.case.js";

/**
 * A column of a test parquet file: flat (nullable when a value is null), or a conversation, which pandas and
 * pyarrow store as list<struct<role: string, content: string>>.
 */
export type FixtureColumn = FlatColumn | MessagesColumn;
type FlatColumn = {
  name: string;
  type: "int32" | "int64" | "float" | "double" | "string";
  values: (number | string | null)[];
};
type MessagesColumn = {
  name: string;
  type: "messages";
  values: ({ role: string; content: string }[] | null)[];
};

/** The page compression: none, gzip (zlib), or snappy (pandas' default), written as literals only. */
export type Codec = "uncompressed" | "snappy" | "gzip";
const CODEC_ID: Record<Codec, number> = { uncompressed: 0, snappy: 1, gzip: 2 };

type Physical = "INT32" | "INT64" | "FLOAT" | "DOUBLE" | "BYTE_ARRAY";

/** One leaf column: its levels (one per slot) and its present values, in order. */
interface Leaf {
  path: string[];
  physical: Physical;
  maxDef: number;
  maxRep: number;
  defs: number[];
  reps: number[];
  values: (number | string)[];
}

const PHYSICAL_ID: Record<Physical, number> = { INT32: 1, INT64: 2, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6 };
const PHYSICAL_OF = {
  int32: "INT32",
  int64: "INT64",
  float: "FLOAT",
  double: "DOUBLE",
  string: "BYTE_ARRAY",
} as const;
const REQUIRED = 0;
const OPTIONAL = 1;
const REPEATED = 2;
const UTF8 = 0;
const LIST = 3;

/**
 * The bytes of a valid parquet file holding `columns` in one row group: one PLAIN-encoded data page (v1) per
 * leaf column, uncompressed or gzip, and a Thrift compact footer. Built by hand from the format spec because
 * no parquet writer is installed; hyparquet reads it in the tests.
 * @example
 * const bytes = buildParquet([{ name: "step", type: "int64", values: [1, 1] }]);
 */
export function buildParquet(columns: FixtureColumn[], options: { codec?: Codec } = {}): Uint8Array {
  const rows = columns[0]?.values.length ?? 0;
  const schema: ThriftValue[] = [
    {
      struct: [
        [4, { binary: "schema" }],
        [5, { i32: columns.length }],
      ],
    },
  ];
  const leaves: Leaf[] = [];
  for (const column of columns) {
    if (column.values.length !== rows) throw new Error(`fixture column ${column.name} has the wrong length`);
    if (column.type === "messages") addMessages(column.name, column.values, schema, leaves);
    else addFlat(column, schema, leaves);
  }
  const out: number[] = [..."PAR1"].map((c) => c.charCodeAt(0));
  const chunks: ThriftValue[] = leaves.map((leaf) => writeChunk(out, leaf, options.codec ?? "uncompressed"));
  const footer = encodeStruct([
    [1, { i32: 1 }],
    [2, { list: schema, of: "struct" }],
    [3, { i64: rows }],
    [
      4,
      {
        list: [
          {
            struct: [
              [1, { list: chunks, of: "struct" }],
              [2, { i64: out.length }],
              [3, { i64: rows }],
            ],
          },
        ],
        of: "struct",
      },
    ],
  ]);
  out.push(...footer, ...le32(footer.length), ..."PAR1".split("").map((c) => c.charCodeAt(0)));
  return Uint8Array.from(out);
}

function addFlat(column: FlatColumn, schema: ThriftValue[], leaves: Leaf[]) {
  const nullable = column.values.includes(null);
  const physical = PHYSICAL_OF[column.type];
  const element: ThriftField[] = [
    [1, { i32: PHYSICAL_ID[physical] }],
    [3, { i32: nullable ? OPTIONAL : REQUIRED }],
    [4, { binary: column.name }],
  ];
  if (physical === "BYTE_ARRAY") element.push([6, { i32: UTF8 }]);
  schema.push({ struct: element });
  leaves.push({
    path: [column.name],
    physical,
    maxDef: nullable ? 1 : 0,
    maxRep: 0,
    defs: column.values.map((v) => (v === null ? 0 : 1)),
    reps: column.values.map(() => 0),
    values: column.values.filter((v) => v !== null),
  });
}

function addMessages(
  name: string,
  values: ({ role: string; content: string }[] | null)[],
  schema: ThriftValue[],
  leaves: Leaf[],
): void {
  schema.push(
    {
      struct: [
        [3, { i32: OPTIONAL }],
        [4, { binary: name }],
        [5, { i32: 1 }],
        [6, { i32: LIST }],
      ],
    },
    {
      struct: [
        [3, { i32: REPEATED }],
        [4, { binary: "list" }],
        [5, { i32: 1 }],
      ],
    },
    {
      struct: [
        [3, { i32: OPTIONAL }],
        [4, { binary: "element" }],
        [5, { i32: 2 }],
      ],
    },
  );
  for (const field of ["role", "content"] as const) {
    schema.push({
      struct: [
        [1, { i32: PHYSICAL_ID.BYTE_ARRAY }],
        [3, { i32: OPTIONAL }],
        [4, { binary: field }],
        [6, { i32: UTF8 }],
      ],
    });
    const leaf: Leaf = {
      path: [name, "list", "element", field],
      physical: "BYTE_ARRAY",
      maxDef: 4,
      maxRep: 1,
      defs: [],
      reps: [],
      values: [],
    };
    for (const row of values) {
      if (row === null || row.length === 0) {
        leaf.reps.push(0);
        leaf.defs.push(row === null ? 0 : 1);
        continue;
      }
      row.forEach((message, i) => {
        leaf.reps.push(i === 0 ? 0 : 1);
        leaf.defs.push(4);
        leaf.values.push(message[field]);
      });
    }
    leaves.push(leaf);
  }
}

/** Appends the leaf's data page to `out` and returns its ColumnChunk. */
function writeChunk(out: number[], leaf: Leaf, codec: Codec): ThriftValue {
  const body: number[] = [];
  if (leaf.maxRep > 0) writeLevels(body, leaf.reps, leaf.maxRep);
  if (leaf.maxDef > 0) writeLevels(body, leaf.defs, leaf.maxDef);
  for (const value of leaf.values) writePlain(body, leaf.physical, value);
  const stored =
    codec === "gzip"
      ? [...gzipSync(Uint8Array.from(body))]
      : codec === "snappy"
        ? snappyLiterals(body)
        : body;
  const header = encodeStruct([
    [1, { i32: 0 }], // DATA_PAGE
    [2, { i32: body.length }],
    [3, { i32: stored.length }],
    [
      5,
      {
        struct: [
          [1, { i32: leaf.defs.length }],
          [2, { i32: 0 }], // PLAIN
          [3, { i32: 3 }], // RLE definition levels
          [4, { i32: 3 }], // RLE repetition levels
        ],
      },
    ],
  ]);
  const offset = out.length;
  out.push(...header, ...stored);
  return {
    struct: [
      [2, { i64: offset }],
      [
        3,
        {
          struct: [
            [1, { i32: PHYSICAL_ID[leaf.physical] }],
            [2, { list: [{ i32: 0 }, { i32: 3 }], of: "i32" }],
            [3, { list: leaf.path.map((p) => ({ binary: p })), of: "binary" }],
            [4, { i32: CODEC_ID[codec] }],
            [5, { i64: leaf.defs.length }],
            [6, { i64: header.length + body.length }],
            [7, { i64: header.length + stored.length }],
            [9, { i64: offset }],
          ],
        },
      ],
    ],
  };
}

/** Levels in the RLE/bit-packed hybrid, as RLE runs of one, behind a 4-byte length (data page v1). */
function writeLevels(out: number[], levels: number[], max: number): void {
  const width = Math.ceil(Math.log2(max + 1));
  const runs: number[] = [];
  for (const level of levels) {
    writeVarint(runs, 1 << 1);
    for (let byte = 0; byte < Math.ceil(width / 8); byte++) runs.push((level >> (8 * byte)) & 0xff);
  }
  out.push(...le32(runs.length), ...runs);
}

function writePlain(out: number[], physical: Physical, value: number | string): void {
  if (physical === "BYTE_ARRAY") {
    const bytes = new TextEncoder().encode(String(value));
    out.push(...le32(bytes.length), ...bytes);
    return;
  }
  const size = physical === "INT32" || physical === "FLOAT" ? 4 : 8;
  const view = new DataView(new ArrayBuffer(size));
  if (physical === "INT32") view.setInt32(0, Number(value), true);
  else if (physical === "INT64") view.setBigInt64(0, BigInt(value), true);
  else if (physical === "FLOAT") view.setFloat32(0, Number(value), true);
  else view.setFloat64(0, Number(value), true);
  out.push(...new Uint8Array(view.buffer));
}

/** A valid snappy block that stores everything as literals of at most 60 bytes (no back-references). */
function snappyLiterals(body: number[]): number[] {
  const out: number[] = [];
  writeVarint(out, body.length);
  for (let at = 0; at < body.length; at += 60) {
    const chunk = body.slice(at, at + 60);
    out.push((chunk.length - 1) << 2, ...chunk);
  }
  return out;
}

function le32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

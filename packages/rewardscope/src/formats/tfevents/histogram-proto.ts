import { expectWire, type ProtoReader, WIRE } from "./proto-reader.js";
import type { TfHistogram } from "./tf-event.js";

/**
 * Decodes a HistogramProto (min=1, max=2, num=3, sum=4, sum_squares=5, bucket_limit=6, bucket=7; all doubles,
 * the repeated ones packed or not).
 */
export function decodeHistogram(tag: string, reader: ProtoReader): TfHistogram {
  const histogram: TfHistogram = {
    tag,
    min: 0,
    max: 0,
    num: 0,
    sum: 0,
    sumSquares: 0,
    bucketLimits: [],
    buckets: [],
  };
  for (let field = reader.nextField(); field; field = reader.nextField()) {
    const scalar = SCALAR_FIELDS[field.number];
    if (scalar !== undefined) {
      expectWire(field, WIRE.fixed64, `HistogramProto.${scalar}`);
      histogram[scalar] = reader.double();
    } else if (field.number === 6) reader.repeated(field.wireType, (r) => r.double(), histogram.bucketLimits);
    else if (field.number === 7) reader.repeated(field.wireType, (r) => r.double(), histogram.buckets);
    else reader.skip(field.wireType);
  }
  return histogram;
}

const SCALAR_FIELDS: Record<number, "min" | "max" | "num" | "sum" | "sumSquares"> = {
  1: "min",
  2: "max",
  3: "num",
  4: "sum",
  5: "sumSquares",
};

/**
 * A histogram from the tensor that TensorFlow 2 writes for the "histograms" plugin: k rows of
 * (left edge, right edge, count). That form has no sum, so sum and sumSquares are estimated from bucket centres.
 */
export function histogramFromTensorRows(tag: string, values: readonly number[]): TfHistogram {
  const rows = Math.floor(values.length / 3);
  const histogram: TfHistogram = {
    tag,
    min: rows > 0 ? values[0]! : 0,
    max: rows > 0 ? values[(rows - 1) * 3 + 1]! : 0,
    num: 0,
    sum: 0,
    sumSquares: 0,
    bucketLimits: [],
    buckets: [],
  };
  for (let row = 0; row < rows; row++) {
    const left = values[row * 3]!;
    const right = values[row * 3 + 1]!;
    const count = values[row * 3 + 2]!;
    const centre = (left + right) / 2;
    histogram.bucketLimits.push(right);
    histogram.buckets.push(count);
    histogram.num += count;
    histogram.sum += count * centre;
    histogram.sumSquares += count * centre * centre;
  }
  return histogram;
}

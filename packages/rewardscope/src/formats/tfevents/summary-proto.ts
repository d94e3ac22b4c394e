import { decodeHistogram, histogramFromTensorRows } from "./histogram-proto.js";
import { expectWire, type ProtoReader, WIRE } from "./proto-reader.js";
import { type DecodedTensor, decodeTensor } from "./tensor-proto.js";
import type { TfHistogram, TfScalar } from "./tf-event.js";

/**
 * What decoding remembers across the events of one read: TensorFlow 2 writes a tag's plugin metadata only with
 * its first value, so later tensors of the tag are recognised by the plugin seen then. Notes are problems
 * that lose a value but not the record (an unsupported dtype), each said once.
 */
export interface SummaryContext {
  pluginByTag: Map<string, string>;
  notes: Set<string>;
}

/** The values of one Summary.Value (tag=1, simple_value=2, histo=5, tensor=8, metadata=9). */
interface RawValue {
  tag: string;
  simpleValue: number | null;
  histogram: ProtoReader | null;
  tensor: DecodedTensor | null;
  plugin: string | null;
}

/**
 * Decodes a Summary (value=1, repeated) into the scalars and histograms rewardscope reads: simple_value,
 * HistogramProto, scalar tensors (float, double, int32, int64) and "histograms"-plugin tensors of shape [k, 3].
 * Images, audio, text and other plugins' tensors are skipped.
 */
export function decodeSummary(
  reader: ProtoReader,
  context: SummaryContext,
  out: { scalars: TfScalar[]; histograms: TfHistogram[] },
): void {
  for (let field = reader.nextField(); field; field = reader.nextField()) {
    if (field.number !== 1) {
      reader.skip(field.wireType);
      continue;
    }
    expectWire(field, WIRE.lengthDelimited, "Summary.value");
    const value = decodeValue(reader.message());
    if (value.plugin !== null && value.plugin !== "") context.pluginByTag.set(value.tag, value.plugin);
    if (value.simpleValue !== null) out.scalars.push({ tag: value.tag, value: value.simpleValue });
    else if (value.histogram !== null) out.histograms.push(decodeHistogram(value.tag, value.histogram));
    else if (value.tensor !== null) addTensorValue(value.tag, value.tensor, context, out);
  }
}

function decodeValue(reader: ProtoReader): RawValue {
  const value: RawValue = { tag: "", simpleValue: null, histogram: null, tensor: null, plugin: null };
  for (let field = reader.nextField(); field; field = reader.nextField()) {
    if (field.number === 1) {
      expectWire(field, WIRE.lengthDelimited, "Summary.Value.tag");
      value.tag = reader.string();
    } else if (field.number === 2) {
      expectWire(field, WIRE.fixed32, "Summary.Value.simple_value");
      value.simpleValue = reader.float();
    } else if (field.number === 5) {
      expectWire(field, WIRE.lengthDelimited, "Summary.Value.histo");
      value.histogram = reader.message();
    } else if (field.number === 8) {
      expectWire(field, WIRE.lengthDelimited, "Summary.Value.tensor");
      value.tensor = decodeTensor(reader.message());
    } else if (field.number === 9) {
      expectWire(field, WIRE.lengthDelimited, "Summary.Value.metadata");
      value.plugin = decodePluginName(reader.message());
    } else reader.skip(field.wireType);
  }
  return value;
}

/** SummaryMetadata.plugin_data (1) .plugin_name (1). */
function decodePluginName(reader: ProtoReader): string {
  let name = "";
  for (let field = reader.nextField(); field; field = reader.nextField()) {
    if (field.number !== 1 || field.wireType !== WIRE.lengthDelimited) {
      reader.skip(field.wireType);
      continue;
    }
    const pluginData = reader.message();
    for (let inner = pluginData.nextField(); inner; inner = pluginData.nextField()) {
      if (inner.number === 1 && inner.wireType === WIRE.lengthDelimited) name = pluginData.string();
      else pluginData.skip(inner.wireType);
    }
  }
  return name;
}

/** DT_STRING, DT_RESOURCE, DT_VARIANT: never a number, so not worth a note. */
const NON_NUMERIC_DTYPES = new Set([7, 20, 21]);

function addTensorValue(
  tag: string,
  tensor: DecodedTensor,
  context: SummaryContext,
  out: { scalars: TfScalar[]; histograms: TfHistogram[] },
): void {
  const plugin = context.pluginByTag.get(tag) ?? "";
  if (plugin !== "" && plugin !== "scalars" && plugin !== "histograms") return;
  const histogramShaped = tensor.shape.length === 2 && tensor.shape[1] === 3;
  const single = tensor.shape.every((dim) => dim === 1);
  if (!(histogramShaped || single) || (plugin === "histograms" && !histogramShaped)) return;
  if (tensor.values === null) {
    if (NON_NUMERIC_DTYPES.has(tensor.dtype)) return;
    context.notes.add(
      `tag ${JSON.stringify(tag)}: tensor dtype ${tensor.dtype} is not supported; its values were skipped`,
    );
    return;
  }
  if (histogramShaped) out.histograms.push(histogramFromTensorRows(tag, tensor.values));
  else if (tensor.values.length > 0) out.scalars.push({ tag, value: tensor.values[0]! });
}

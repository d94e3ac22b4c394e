export { crc32c, maskedCrc32c } from "./crc32c.js";
export { readTfEventRecords, type TfEventRecords } from "./read.js";
export { readTfEventFile } from "./read-file.js";
export { checkHeader, HEADER_BYTES } from "./record-framing.js";
export type { TfEvent, TfHistogram, TfScalar } from "./tf-event.js";
export { FILE_VERSION, tfEventRecord, tfEventsHeaderRecord, writeTfEvents } from "./write.js";

import type { Store } from "../store/store.js";

/** Where an export goes: a file, or standard output for text formats. */
export interface ExportOutput {
  write(chunk: string | Uint8Array): Promise<void>;
}

/** What an export wrote, for the command's closing line. */
export interface ExportSummary {
  steps: number;
  /** A caveat the user should read (what the store could not give back), if any. */
  note?: string;
}

/**
 * One export format of `rewardscope export --format NAME`. A format is one module; EXPORT_FORMATS lists them.
 * @example
 * const summary = await csvFormat.write(store, "qwen-1", output);
 */
export interface ExportFormat {
  name: string;
  /** One line for the help. */
  description: string;
  /** The file extension (without the dot) a file of this format takes. */
  extension: string;
  /** Binary formats are not written to the console: they need --out. */
  binary: boolean;
  write(store: Store, run: string, out: ExportOutput): Promise<ExportSummary>;
}

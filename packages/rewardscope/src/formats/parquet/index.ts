export { readTrlCompletionsParquet, type TrlCompletionRow } from "./trl-completions.js";

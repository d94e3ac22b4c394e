export { type GroupStatsInput, groupStats, summarizeAdvantages } from "./group-stats.js";

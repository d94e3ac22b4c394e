export { type BuiltCompletion, buildReasoned, type FormatKind } from "./completion-builder.js";
export { type ResolvedSimulation, resolveSimulation, type SimulationOptions } from "./options.js";
export { countIndicators, REASONING_INDICATORS } from "./phrases.js";
export { makeProblem, type Problem } from "./problems.js";
export { mixSeed, Random } from "./random.js";
export {
  DEFAULT_REWARD_FUNCTIONS,
  REWARD_FUNCTION_NAMES,
  type RewardFunctionName,
  rewardFunction,
  type SimulatedRewardFunction,
} from "./reward-functions.js";
export { isScenarioName, SCENARIO_NAMES, SCENARIOS, type ScenarioName } from "./scenarios.js";
export { simulateRun, simulateSteps, simulationRunEvent } from "./simulate-run.js";
export { generateStep, type SimulatedStep } from "./step-generator.js";
export { learningProgress, planStep, rampSteps, type StepPlan, scenarioTarget } from "./step-plan.js";
export { learningRate, trainingMetrics } from "./training-metrics.js";

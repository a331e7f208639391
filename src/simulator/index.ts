/** podlint's lifecycle simulator: the public surface. */
export { simulate, parseKubernetesMinor, type SimulateOptions } from './simulate.js';
export { parseScenario, SimInputError, type Scenario } from './scenario.js';
export { renderText } from './render-text.js';
export { renderJson, toJson } from './render-json.js';
export type { SimInput } from './objects.js';
export type { Trace } from './trace.js';
export { parseDuration } from './time.js';

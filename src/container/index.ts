// Running the implementation under test from a container image (--image): plan, start, logs.
export { containerBaseUrl, containerPlanFrom } from './plan.js';
export { applyTestcontainersDefaults, containerSecrets, engineMissingMessage, startContainer, type RunningContainer, type StartOptions } from './start.js';
export { DEFAULT_STARTUP_TIMEOUT_MS, LOG_TAIL_LINES, type ContainerPlan, type ContainerWait } from './types.js';

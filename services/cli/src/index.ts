export { type ReplayCommandOptions, replay } from './commands/replay.ts';
export { type RunOptions, type RunSummary, runPipelineOnce } from './commands/run.ts';
export { type Servable, serve } from './commands/serve.ts';
export { EXIT, exitCodeFor } from './exit-codes.ts';
export { type Infra, type InfraConfig, openInfra, openStore } from './infra.ts';
export { main } from './main.ts';
export { createRuntime, type Runtime } from './runtime.ts';
export { readSettings, type Settings } from './settings.ts';

// Field paths into a scenario: they live in the scenario layer (src/scenario/paths.ts), where loading a posterior needs them.
export * from '../scenario/paths.js';

// Types of demo-args.mjs for TypeScript callers (tests).
export const DEMO_HELP: string;
export interface DemoArgs { port: number; help: boolean; train: boolean; retrain: boolean; aggregation: boolean }
export function parseDemoArgs(argv: string[], env?: Record<string, string | undefined>): DemoArgs;

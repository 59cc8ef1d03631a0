// What every stage of the pipeline is handed besides its input.

/** Settings shared by every stage: passed explicitly, never a module-level singleton. */
export interface StageContext {
  readonly seed: number;
  readonly rulesDir: string;
  readonly tolerance: number;
  /** Progress inside a long stage: `done` of `total` steps (src/pipeline/progress.ts); absent when nobody listens. */
  readonly onStep?: (what: string, done: number, total: number) => void;
}

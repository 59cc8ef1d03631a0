// What every stage of the pipeline is handed besides its input.

/** Settings shared by every stage: passed explicitly, never a module-level singleton. */
export interface StageContext {
  readonly seed: number;
  readonly rulesDir: string;
  readonly tolerance: number;
}

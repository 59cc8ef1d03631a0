// Progress of a long `check`/`derive` run (docs/theory.md §4): the stage that is
// running, the step within it where the stage reports a count ("symmetry:
// generator 12/64"), and the time left in that stage at the rate so far once a
// step is done. A model over an injected clock (seconds): the terminal I/O lives
// in src/cli, and the tests drive it with a fake clock.

export type Clock = () => number;

interface StepCount { readonly what: string; readonly done: number; readonly total: number }

const seconds = (s: number): string => (s < 10 ? s.toFixed(1) : s.toFixed(0));

export class PipelineProgress {
  private readonly started: number;
  private current: { name: string; since: number; step?: StepCount } | undefined;
  private readonly finished: { name: string; seconds: number }[] = [];

  constructor(private readonly clock: Clock) {
    this.started = clock();
  }

  /** A stage starts (the previous one, if any, ends now). */
  stage(name: string): void {
    const now = this.clock();
    if (this.current) this.finished.push({ name: this.current.name, seconds: now - this.current.since });
    this.current = { name, since: now };
  }

  /** `done` of `total` steps of the current stage are done. */
  step(what: string, done: number, total: number): void {
    if (this.current) this.current.step = { what, done, total };
  }

  /** Seconds left in the current stage at its rate so far; undefined before its first step is done. */
  stageEta(): number | undefined {
    const s = this.current?.step;
    if (!this.current || !s || s.done <= 0 || s.total <= 0) return undefined;
    const elapsed = this.clock() - this.current.since;
    return (elapsed * Math.max(0, s.total - s.done)) / s.done;
  }

  /** The live line, e.g. "hugoniot: symmetry: generator 12/64, 3.2 s, about 4.1 s left in this stage". */
  line(): string {
    if (!this.current) return 'hugoniot: starting';
    const s = this.current.step;
    const eta = this.stageEta();
    return `hugoniot: ${this.current.name}${s ? `: ${s.what} ${s.done}/${s.total}` : ''}, ${seconds(this.clock() - this.started)} s` +
      (eta !== undefined ? `, about ${seconds(eta)} s left in this stage` : '');
  }

  /** The one line at the end, like solve's: "hugoniot: checked in 3.2 s (loss 0.1, symmetry 1.2, ...)". */
  timing(verb: string): string {
    const now = this.clock();
    const stages = [...this.finished, ...(this.current ? [{ name: this.current.name, seconds: now - this.current.since }] : [])];
    return `hugoniot: ${verb} in ${seconds(now - this.started)} s (${stages.map((s) => `${s.name} ${seconds(s.seconds)}`).join(', ')})`;
  }
}

// Ensembles of independent chains over worker threads (tinypool). Every task
// carries its own seed, so the results are identical for any number of
// workers (workers = 0 runs the tasks in this thread, in order).
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { runTask, type ChainTask } from './worker.js';

/** Default worker count: every core. */
export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/**
 * The worker module next to this one: worker.js in dist/; from the TypeScript
 * sources (tsx, vitest) worker-dev.mjs, which registers tsx in the worker
 * thread first (Node 20 does not carry --import loaders into worker threads).
 */
const workerFile = (): string => new URL(import.meta.url.endsWith('.ts') ? './worker-dev.mjs' : './worker.js', import.meta.url).href;

export async function runTasks(tasks: readonly ChainTask[], workers: number, onDone?: (done: number) => void): Promise<number[][][]> {
  if (workers <= 0) {
    return tasks.map((t, i) => { const r = runTask(t); onDone?.(i + 1); return r; });
  }
  const filename = workerFile();
  const pool = new Tinypool({ filename, minThreads: Math.min(workers, tasks.length), maxThreads: workers, isolateWorkers: false });
  let done = 0;
  try {
    return await Promise.all(tasks.map((t) => (pool.run(t) as Promise<number[][]>).then((r) => { onDone?.(++done); return r; })));
  } finally {
    await pool.destroy();
  }
}

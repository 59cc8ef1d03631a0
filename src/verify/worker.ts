// Worker-thread entry (tinypool): one task = one chain (or one Entropy-SGD
// particle) on a ChainProblem. The compiled gradient is cached per problem id.
import { entropySgdPath, type EntropySgdConfig } from './entropy-sgd.js';
import { lineGradient, type ChainProblem, type LineGradient } from './problem.js';
import { chainMeans, type ChainSettings } from './sgld.js';

export type ChainTask =
  | { readonly type: 'probe'; readonly problemId: string; readonly problem: ChainProblem; readonly xs: number[]; readonly ts: number[]; readonly etas: number[]; readonly settings: ChainSettings; readonly seed: number; readonly chain: number }
  | { readonly type: 'entropy-sgd'; readonly problemId: string; readonly problem: ChainProblem; readonly x0: number; readonly config: EntropySgdConfig; readonly seed: number };

const cache = new Map<string, LineGradient>();

export function runTask(task: ChainTask): number[][] {
  let g = cache.get(task.problemId);
  if (!g) { g = lineGradient(task.problem); cache.set(task.problemId, g); }
  return task.type === 'probe'
    ? chainMeans(g, task.xs, task.ts, task.etas, task.settings, task.seed, task.chain)
    : [entropySgdPath(g, task.x0, task.config, task.seed)];
}

export default runTask;

// Worker bootstrap used only when running from the TypeScript sources (tsx,
// vitest): Node 20 does not carry --import loaders into worker threads, so
// tsx is registered here before the worker module is imported. dist/ uses
// worker.js directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');
export default worker.default;

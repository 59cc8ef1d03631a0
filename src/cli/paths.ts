// Where the package's own files are: src/cli (tests) and dist/cli (built) are
// both two levels below the package root.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const packageRoot = (): string => join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultRulesDir = (): string => join(packageRoot(), 'rules');
export const bundledExamplesDir = (): string => join(packageRoot(), 'derivations');

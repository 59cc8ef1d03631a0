// Where the package's own files are: src/cli (tests) and dist/cli (built) are
// both two levels below the package root.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const packageRoot = (): string => join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const defaultRulesDir = (): string => join(packageRoot(), 'rules');
export const bundledExamplesDir = (): string => join(packageRoot(), 'derivations');

/** The version in the package's package.json. */
export const packageVersion = (): string => (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

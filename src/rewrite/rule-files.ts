// Reading rule files (YAML or JSON) from a rules directory. Validation of each
// rule type lives with the stage that owns it; this only finds and parses files,
// and every error names the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';

export class RuleError extends Error {
  constructor(readonly file: string, readonly keyPath: string, readonly expected: string) {
    super(`${file}: ${keyPath ? keyPath + ': ' : ''}${expected}`);
  }
}

export interface RuleFile { readonly file: string; readonly data: unknown }

/** All *.yaml|*.yml|*.json files below dir/sub, sorted by path (deterministic). */
export function readRuleFiles(dir: string, sub: string): RuleFile[] {
  const root = join(dir, sub);
  let entries: string[];
  try {
    entries = listFiles(root);
  } catch {
    throw new RuleError(root, '', 'rules directory not found');
  }
  return entries.filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((file) => {
    const shown = relative(process.cwd(), file) || file;
    try {
      return { file: shown, data: parseYaml(readFileSync(file, 'utf8')) as unknown };
    } catch (e) {
      throw new RuleError(shown, '', `not valid YAML/JSON: ${(e as Error).message.split('\n')[0]}`);
    }
  });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

/** The first zod issue of a rule file as a RuleError naming the key. */
export function ruleErrorFromZod(file: string, issue: { code: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] }): RuleError {
  const path = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path, issue.keys[0]] : issue.path;
  const keyPath = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
  return new RuleError(file, keyPath, issue.code === 'unrecognized_keys' ? 'unknown key' : `expected ${issue.message.replace(/^Invalid input: expected /, '')}`);
}

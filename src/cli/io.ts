// File output with nothing half-written and nothing lost: every file goes to a
// temporary sibling directory `OUT.partial-PID/` first and is then renamed over
// its destination. rename(2) replaces a file atomically, so a kill at any
// moment leaves each destination either old or new, never missing; a staging
// directory left by a killed run is removed by the next run (its PID is dead).
// Directories are made one level at a time (a recursive mkdir loops forever
// under /proc), and the output path is checked before any computation.
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../spec/errors.js';

const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** What is at `path`: 'missing', 'dir' or 'other' (a file, a device, ...). */
function kindAt(path: string): 'missing' | 'dir' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') throw new InputError(`--out ${path}: expected a directory path, but part of it is a file`);
    throw new InputError(`--out ${path}: expected a directory path that can be read (${code(e)})`);
  }
}

/** Makes `dir` and its missing parents, one level at a time; an error names the level. */
function makeDirs(dir: string, flag: string): void {
  const missing: string[] = [];
  for (let d = dir; kindAt(d) === 'missing'; d = dirname(d)) {
    if (dirname(d) === d) break;
    missing.unshift(d);
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      throw new InputError(`${flag} ${dir}: cannot create the directory ${d} (${code(e)})`);
    }
  }
}

/**
 * Checks, before anything is computed, that `dir` can receive `names`: it is a
 * directory or can be created (probed by creating and removing a temporary
 * directory beside it, which finds /proc, read-only and permission problems),
 * and no destination is itself a directory.
 */
export function checkOutputDir(dir: string, names: readonly string[] = [], flag = '--out'): void {
  const target = resolve(dir);
  const here = kindAt(target);
  if (here === 'other') throw new InputError(`${flag} ${dir}: expected a directory, got an existing file`);
  if (here === 'dir') {
    for (const name of names) {
      if (kindAt(join(target, name)) === 'dir') throw new InputError(`${flag} ${dir}: expected to write the file ${name} there, but ${join(target, name)} is a directory`);
    }
  }
  let existing = here === 'dir' ? target : dirname(target);
  while (kindAt(existing) === 'missing' && dirname(existing) !== existing) existing = dirname(existing);
  if (kindAt(existing) !== 'dir') throw new InputError(`${flag} ${dir}: expected a directory path, but ${existing} is a file`);
  try {
    rmSync(mkdtempSync(join(existing, '.hugoniot-probe-')), { recursive: true, force: true });
  } catch (e) {
    throw new InputError(`${flag} ${dir}: cannot write under ${existing} (${code(e)})`);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Staging directories `TARGET.partial-PID` of processes that no longer run. */
function removeStaleStaging(target: string): void {
  const parent = dirname(target);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  const prefix = `${basename(target)}.partial-`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

export function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>, flag = '--out'): string[] {
  const target = resolve(dir);
  checkOutputDir(dir, Object.keys(files), flag);
  makeDirs(dirname(target), flag);
  removeStaleStaging(target);
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    for (const [name, content] of Object.entries(files)) {
      makeDirs(dirname(join(staging, name)), flag);
      writeFileSync(join(staging, name), content);
    }
    makeDirs(target, flag);
    const written: string[] = [];
    for (const name of Object.keys(files)) {
      const dest = join(target, name);
      makeDirs(dirname(dest), flag);
      // rename replaces an existing file in one step: the old content stays until the new one is in place.
      renameSync(join(staging, name), dest);
      written.push(dest);
    }
    return written;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

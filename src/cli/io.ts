// File output with nothing half-written: everything goes to a temporary
// sibling directory first and is renamed into place only when complete.
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>): string[] {
  const target = resolve(dir);
  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(staging, name)), { recursive: true });
      writeFileSync(join(staging, name), content);
    }
    mkdirSync(target, { recursive: true });
    const written: string[] = [];
    for (const name of Object.keys(files)) {
      const dest = join(target, name);
      mkdirSync(dirname(dest), { recursive: true });
      if (existsSync(dest)) rmSync(dest, { force: true });
      renameSync(join(staging, name), dest);
      written.push(dest);
    }
    return written;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

// Reading a user-named input file with stated bounds: regular files only
// (not /dev/zero, a FIFO or a directory, which would block or never end) and
// at most `maxBytes` bytes. The file is opened non-blocking so a FIFO is
// refused instead of waiting for a writer.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Why the file cannot be read, as the end of an "expected ..." sentence. */
export class FileProblem extends Error {}

export function readRegularFile(path: string, maxBytes: number): string {
  let fd: number;
  try {
    if (!statSync(path).isFile()) throw new FileProblem('not a regular file');
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileProblem('not a regular file');
    if (st.size > maxBytes) throw new FileProblem(`${st.size} bytes, more than the limit of ${maxBytes}`);
    // One byte more than allowed tells a file that grew since the stat.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n = 1; n > 0 && length <= maxBytes;) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
      length += n;
    }
    if (length > maxBytes) throw new FileProblem(`more than the limit of ${maxBytes} bytes`);
    return buffer.subarray(0, length).toString('utf8');
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  } finally {
    closeSync(fd);
  }
}

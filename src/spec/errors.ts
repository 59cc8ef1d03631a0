// A bad spec is one clear message: the file, the key path, what was expected
// (DESIGN §4). The CLI turns it into exit code 2 with nothing written.
export class SpecError extends Error {
  constructor(readonly file: string, readonly keyPath: string, readonly expected: string) {
    super(`${file}: ${keyPath || '(root)'}: ${expected}`);
  }
}

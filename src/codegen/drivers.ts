// The command-line driver appended to an exported module, one spelling per
// target, generated from the kernels' signatures:
//   PROGRAM KERNEL [NUMBERS...]     numbers from argv, else from stdin:
//     for each input array (signature order) its length then its values,
//     then each scalar; prints the return value (if any) and every output
//     and inout array, one number per line, as %.17g.
//   PROGRAM solve T [N] [NU]        (1-D quotient only) Godunov from p(x,0) = Lbar'(x); lines "x p"
// The numbers always come from the printed kernels.
import { signatureArrays, signatureScalars, sizeSymbols, type ArrayParam, type Kernel } from './kernel-ir.js';

/** For a 1-D quotient: the domain and default viscosity of the solver. */
export interface SolverLine { readonly lo: number; readonly hi: number; readonly nu: number }

const readsInput = (a: ArrayParam): boolean => a.intent === 'in' || a.intent === 'inout';
const printsOutput = (a: ArrayParam): boolean => a.intent === 'out' || a.intent === 'inout';
const lengthOf = (a: ArrayParam): string => (typeof a.length === 'number' ? String(a.length) : `${a.length.size}${a.length.times && a.length.times !== 1 ? ` * ${a.length.times}` : ''}`);

export function usage(kernels: readonly Kernel[], line?: SolverLine): string {
  return `usage: PROGRAM ${kernels.map((k) => k.name).join('|')} [NUMBERS...]${line ? ' | solve T [N] [NU]' : ''}`;
}

export function jsDriver(kernels: readonly Kernel[], typed: boolean, line?: SolverLine): string {
  const T = (s: string): string => (typed ? s : '');
  const branch = (k: Kernel): string => {
    const arrays = signatureArrays(k);
    const reads = arrays.filter(readsInput).map((a) => `    const ${a.name} = take(take(1)[0]);`);
    const sizes = sizeSymbols(k).map((s) => `    const ${s.name} = ${s.array}.length / ${s.times};`);
    const allocs = arrays.filter((a) => !readsInput(a)).map((a) => `    const ${a.name} = new Float64Array(${lengthOf(a)});`);
    const scalars = signatureScalars(k).map((s) => `    const ${s.name} = take(1)[0];`);
    const call = `${k.name}(${[...arrays.map((a) => a.name), ...signatureScalars(k).map((s) => s.name)].join(', ')})`;
    const prints = arrays.filter(printsOutput).map((a) => `    show(${a.name});`);
    return [`  } else if (cmd === '${k.name}') {`, ...reads, ...sizes, ...allocs, ...scalars, k.returns ? `    console.log(String(${call}));` : `    ${call};`, ...prints].join('\n');
  };
  const solve = line ? `
  } else if (cmd === 'solve') {
    const T = Number(args[0]), N = Number(args[1] ?? 400), nu = Number(args[2] ?? ${line.nu});
    const lo = ${line.lo}, hi = ${line.hi}, dx = (hi - lo) / N;
    const p = new Float64Array(N + 2), next = new Float64Array(N + 2), F = new Float64Array(N + 2), w = new Float64Array(1), s = new Float64Array(1);
    for (let i = 1; i <= N; i++) { w[0] = lo + (i - 0.5) * dx; lbar_slope(w, s); p[i] = s[0]; }
    burgers_godunov(p, next, F, dx, nu, T, 0.9);
    for (let i = 1; i <= N; i++) console.log(\`\${(lo + (i - 0.5) * dx).toPrecision(17)} \${p[i].toPrecision(17)}\`);` : '';
  return `
// Command line: ${usage(kernels, line)}
${typed ? 'declare const process: { argv: string[] };\n' : ''}async function main()${T(': Promise<void>')} {
  const [cmd, ...args] = process.argv.slice(2);
  const { readFileSync } = await import('node:fs');
  const tokens = (args.length > 0 ? args : readFileSync(0, 'utf8').trim().split(/\\s+/)).filter((x) => x !== '').map(Number);
  let at = 0;
  const take = (count${T(': number')})${T(': Float64Array')} => { const v = Float64Array.from(tokens.slice(at, at + count)); at += count; return v; };
  const show = (a${T(': Float64Array')})${T(': void')} => { for (const v of a) console.log(v.toPrecision(17)); };
  if (cmd === undefined) {
    console.log('${usage(kernels, line)}');
${kernels.map(branch).join('\n')}${solve}
  } else {
    console.log('${usage(kernels, line)}');
  }
}
if (typeof process !== 'undefined' && process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()${T('!')})) void main();
`;
}

export function pythonDriver(kernels: readonly Kernel[], line?: SolverLine): string {
  const branch = (k: Kernel): string => {
    const arrays = signatureArrays(k);
    const lines = [
      ...arrays.filter(readsInput).map((a) => `${a.name} = take(int(take(1)[0]))`),
      ...sizeSymbols(k).map((s) => `${s.name} = len(${s.array}) // ${s.times}`),
      ...arrays.filter((a) => !readsInput(a)).map((a) => `${a.name} = np.zeros(${lengthOf(a)})`),
      ...signatureScalars(k).map((s) => `${s.name} = ${s.type === 'int' ? 'int' : 'float'}(take(1)[0])`),
    ];
    const call = `${k.name}(${[...arrays.map((a) => a.name), ...signatureScalars(k).map((s) => s.name)].join(', ')})`;
    return [`    elif cmd == "${k.name}":`, ...lines.map((l) => `        ${l}`), k.returns ? `        print(${call})` : `        ${call}`, ...arrays.filter(printsOutput).map((a) => `        show(${a.name})`)].join('\n');
  };
  const solve = line ? `
    elif cmd == "solve":
        T = float(args[0])
        N = int(args[1]) if len(args) > 1 else 400
        nu = float(args[2]) if len(args) > 2 else ${line.nu}
        lo, hi = ${line.lo}, ${line.hi}
        dx = (hi - lo) / N
        p = np.zeros(N + 2); nxt = np.zeros(N + 2); F = np.zeros(N + 2); s = np.zeros(1)
        for i in range(1, N + 1):
            lbar_slope(np.array([lo + (i - 0.5) * dx]), s)
            p[i] = s[0]
        burgers_godunov(p, nxt, F, dx, nu, T, 0.9)
        for i in range(1, N + 1):
            print("%.17g %.17g" % (lo + (i - 0.5) * dx, p[i]))` : '';
  return `

def main():
    import sys
    cmd, args = (sys.argv[1] if len(sys.argv) > 1 else None), sys.argv[2:]
    tokens = [float(x) for x in (args if args else ([] if cmd is None or cmd == "solve" else sys.stdin.read().split()))]
    state = {"at": 0}

    def take(count):
        v = np.array(tokens[state["at"]:state["at"] + count], dtype=np.float64)
        state["at"] += count
        return v

    def show(a):
        for v in a:
            print("%.17g" % v)

    if cmd is None:
        print("${usage(kernels, line)}")
${kernels.map(branch).join('\n')}${solve}
    else:
        print("${usage(kernels, line)}")


if __name__ == "__main__":
    main()
`;
}

export function cDriver(kernels: readonly Kernel[], line?: SolverLine): string {
  const branch = (k: Kernel): string => {
    const arrays = signatureArrays(k);
    const lines = [
      ...arrays.filter(readsInput).map((a) => `long n_${a.name} = (long)take(); double *${a.name} = calloc(n_${a.name} > 0 ? n_${a.name} : 1, sizeof(double)); for (long q = 0; q < n_${a.name}; q++) ${a.name}[q] = take();`),
      ...sizeSymbols(k).map((s) => `long ${s.name} = n_${s.array} / ${s.times};`),
      ...arrays.filter((a) => !readsInput(a)).map((a) => `long n_${a.name} = ${lengthOf(a)}; double *${a.name} = calloc(n_${a.name} > 0 ? n_${a.name} : 1, sizeof(double));`),
      ...signatureScalars(k).map((s) => `${s.type === 'int' ? 'long' : 'double'} ${s.name} = take();`),
    ];
    const call = `${k.name}(${[...arrays.map((a) => a.name), ...sizeSymbols(k).map((s) => s.name), ...signatureScalars(k).map((s) => s.name)].join(', ')})`;
    return [`  if (strcmp(cmd, "${k.name}") == 0) {`, ...lines.map((l) => `    ${l}`), k.returns ? `    printf("%ld\\n", ${call});` : `    ${call};`,
      ...arrays.filter(printsOutput).map((a) => `    for (long q = 0; q < n_${a.name}; q++) printf("%.17g\\n", ${a.name}[q]);`),
      ...arrays.map((a) => `    free(${a.name});`), '    return 0;', '  }'].join('\n');
  };
  const solve = line ? `
  if (strcmp(cmd, "solve") == 0 && argc >= 3) {
    double T = atof(argv[2]); long N = argc > 3 ? atol(argv[3]) : 400;
    double lo = ${line.lo}, hi = ${line.hi}, nu = argc > 4 ? atof(argv[4]) : ${line.nu}, dx = (hi - lo) / N;
    double *p = calloc(N + 2, sizeof *p), *next = calloc(N + 2, sizeof *next), *F = calloc(N + 2, sizeof *F), w[1], s[1];
    for (long i = 1; i <= N; i++) { w[0] = lo + (i - 0.5) * dx; lbar_slope(w, s); p[i] = s[0]; }
    burgers_godunov(p, next, F, N + 2, dx, nu, T, 0.9);
    for (long i = 1; i <= N; i++) printf("%.17g %.17g\\n", lo + (i - 0.5) * dx, p[i]);
    free(p); free(next); free(F);
    return 0;
  }` : '';
  return `
/* Command line: ${usage(kernels, line)} */
static int driver_argc, driver_at;
static char **driver_argv;
/* The next input number: from argv when numbers follow the kernel name, else from stdin. */
static double take(void) {
  double v = 0.0;
  if (driver_argc > 2) { if (driver_at < driver_argc) v = atof(driver_argv[driver_at++]); }
  else if (scanf("%lf", &v) != 1) { fprintf(stderr, "not enough input numbers\\n"); exit(2); }
  return v;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "${usage(kernels, line)}\\n"); return 2; }
  const char *cmd = argv[1];
  driver_argc = argc; driver_argv = argv; driver_at = 2;
${kernels.map(branch).join('\n')}${solve}
  fprintf(stderr, "${usage(kernels, line)}\\n");
  return 2;
}
`;
}

/** PyTorch: `python3 FILE THETA...` prints L and its autograd gradient (to compare with the grad kernel). */
export function torchDriver(lossKernel: string, parameterCount: number): string {
  return `

def main():
    import sys
    theta = torch.tensor([float(x) for x in (sys.argv[1:] or sys.stdin.read().split())][:${parameterCount}], dtype=torch.float64, requires_grad=True)
    out = torch.zeros(1, dtype=torch.float64)
    ${lossKernel}(theta, out)
    out[0].backward()
    print("%.17g" % out[0].item())
    for g in theta.grad:
        print("%.17g" % g.item())


if __name__ == "__main__":
    main()
`;
}

// The command-line driver appended to an exported module, one spelling per
// target, generated from the kernels' signatures:
//   PROGRAM KERNEL [NUMBERS...]     numbers from argv, else from stdin:
//     for each input array (signature order) its length then its values,
//     then each scalar; prints the return value (if any) and every output
//     and inout array, one number per line, as %.17g.
//   PROGRAM solve T [N] [NU] [SCHEME]   (1-D quotient only) on N points x_i = lo + (i + 1/2) dx:
//     godunov (default), weno5: p(x, 0) = Lbar'(x), lines "x p"
//     hj: u(x, 0) = Lbar(x), lines "x u p" with p = (u_{i+1} - u_{i-1})/(2 dx)
//     (the kernel's ghost nodes extrapolate u linearly: one-sided at the ends)
// The numbers always come from the printed kernels.
import { signatureArrays, signatureScalars, sizeSymbols, type ArrayParam, type Kernel } from './kernel-ir.js';
import type { Solver1D } from './solvers/index.js';

/** For a 1-D quotient: the domain, default viscosity and the generated solvers (the first is the default scheme). */
export interface SolverLine { readonly lo: number; readonly hi: number; readonly nu: number; readonly solvers: readonly Solver1D[] }

/** The arrays of a solver kernel (the unknown first) and the kernel that evaluates its initial data. */
const solverParts = (s: Solver1D) => ({
  arrays: signatureArrays(s.kernel).map((a) => a.name),
  init: s.unknown === 'u' ? 'lbar' : 'lbar_slope',
  what: s.unknown === 'u' ? "u(x, 0) = Lbar(x)" : "p(x, 0) = Lbar'(x)",
});
/** `i + k`, or `i` when k = 0. */
const offset = (k: number): string => (k === 0 ? 'i' : `i + ${k}`);
const schemes = (line: SolverLine): string => line.solvers.map((s) => s.scheme).join('|');

const readsInput = (a: ArrayParam): boolean => a.intent === 'in' || a.intent === 'inout';
const printsOutput = (a: ArrayParam): boolean => a.intent === 'out' || a.intent === 'inout';
const lengthOf = (a: ArrayParam): string => (typeof a.length === 'number' ? String(a.length) : `${a.length.size}${a.length.times && a.length.times !== 1 ? ` * ${a.length.times}` : ''}`);

export function usage(kernels: readonly Kernel[], line?: SolverLine): string {
  return `usage: PROGRAM ${kernels.map((k) => k.name).join('|')} [NUMBERS...]${line ? ` | solve T [N] [NU] [${schemes(line)}]` : ''}`;
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
  const solveBranch = (sv: Solver1D): string => {
    const { arrays, init, what } = solverParts(sv), N = `N + ${2 * sv.ghosts}`, g = sv.ghosts, u = arrays[0];
    const row = sv.unknown === 'u' ? `\${x(i)} \${${u}[i + ${g}].toPrecision(17)} \${((${u}[i + ${g + 1}] - ${u}[${offset(g - 1)}]) / (2 * dx)).toPrecision(17)}` : `\${x(i)} \${${u}[i + ${g}].toPrecision(17)}`;
    return `if (scheme === '${sv.scheme}') {
      // ${sv.kernel.name}: ${what}, ${g} ghost${g > 1 ? 's' : ''} per side
      ${arrays.map((a) => `const ${a} = new Float64Array(${N});`).join(' ')}
      for (let i = 0; i < N; i++) ${u}[i + ${g}] = initial(${init}, i);
      ${sv.kernel.name}(${arrays.join(', ')}, dx, nu, T, ${sv.cfl});
      for (let i = 0; i < N; i++) console.log(\`${row}\`);
    } else `;
  };
  const solve = line ? `
  } else if (cmd === 'solve') {
    const T = Number(args[0]), N = Number(args[1] ?? 400), nu = Number(args[2] ?? ${line.nu}), scheme = args[3] ?? '${line.solvers[0].scheme}';
    const lo = ${line.lo}, hi = ${line.hi}, dx = (hi - lo) / N;
    const w = new Float64Array(1), s = new Float64Array(1);
    const x = (i${T(': number')})${T(': string')} => (lo + (i + 0.5) * dx).toPrecision(17);
    const initial = (f${T(': (w: Float64Array, s: Float64Array) => void')}, i${T(': number')})${T(': number')} => { w[0] = lo + (i + 0.5) * dx; f(w, s); return s[0]; };
    ${line.solvers.map(solveBranch).join('')}{
      console.error('unknown scheme ' + scheme + ' (expected ${schemes(line)})');
      process.exitCode = 2;
    }` : '';
  return `
// Command line: ${usage(kernels, line)}
${typed ? 'declare const process: { argv: string[]; exitCode?: number };\n' : ''}async function main()${T(': Promise<void>')} {
  const [cmd, ...args] = process.argv.slice(2);
  const { readFileSync } = await import('node:fs');
  const tokens = cmd === 'solve' ? [] : (args.length > 0 ? args : readFileSync(0, 'utf8').trim().split(/\\s+/)).filter((x) => x !== '').map(Number);
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
  const solveBranch = (sv: Solver1D, k: number): string => {
    const { arrays, init, what } = solverParts(sv), g = sv.ghosts, u = arrays[0];
    const row = sv.unknown === 'u'
      ? `"%.17g %.17g %.17g" % (lo + (i + 0.5) * dx, ${u}[i + ${g}], (${u}[i + ${g + 1}] - ${u}[${offset(g - 1)}]) / (2 * dx))`
      : `"%.17g %.17g" % (lo + (i + 0.5) * dx, ${u}[i + ${g}])`;
    return `
        ${k === 0 ? 'if' : 'elif'} scheme == "${sv.scheme}":
            # ${sv.kernel.name}: ${what}, ${g} ghost${g > 1 ? 's' : ''} per side
            ${arrays.map((a) => `${a} = np.zeros(N + ${2 * g})`).join('; ')}
            for i in range(N):
                ${u}[i + ${g}] = initial(${init}, i)
            ${sv.kernel.name}(${arrays.join(', ')}, dx, nu, T, ${sv.cfl})
            for i in range(N):
                print(${row})`;
  };
  const solve = line ? `
    elif cmd == "solve":
        T = float(args[0])
        N = int(args[1]) if len(args) > 1 else 400
        nu = float(args[2]) if len(args) > 2 else ${line.nu}
        scheme = args[3] if len(args) > 3 else "${line.solvers[0].scheme}"
        lo, hi = ${line.lo}, ${line.hi}
        dx = (hi - lo) / N
        s = np.zeros(1)

        def initial(f, i):
            f(np.array([lo + (i + 0.5) * dx]), s)
            return s[0]
${line.solvers.map(solveBranch).join('')}
        else:
            print("unknown scheme %s (expected ${schemes(line)})" % scheme, file=sys.stderr)
            sys.exit(2)` : '';
  return `

def main():
    import sys
    cmd, args = (sys.argv[1] if len(sys.argv) > 1 else None), sys.argv[2:]
    tokens = [float(x) for x in ([] if cmd is None or cmd == "solve" else (args if args else sys.stdin.read().split()))]
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
  const solveBranch = (sv: Solver1D): string => {
    const { arrays, init, what } = solverParts(sv), g = sv.ghosts, u = arrays[0];
    const row = sv.unknown === 'u'
      ? `printf("%.17g %.17g %.17g\\n", lo + (i + 0.5) * dx, ${u}[i + ${g}], (${u}[i + ${g + 1}] - ${u}[${offset(g - 1)}]) / (2 * dx));`
      : `printf("%.17g %.17g\\n", lo + (i + 0.5) * dx, ${u}[i + ${g}]);`;
    return `
    if (strcmp(scheme, "${sv.scheme}") == 0) {
      /* ${sv.kernel.name}: ${what}, ${g} ghost${g > 1 ? 's' : ''} per side */
      long n = N + ${2 * g};
      double ${arrays.map((a) => `*${a} = calloc(n, sizeof(double))`).join(', ')};
      for (long i = 0; i < N; i++) { w[0] = lo + (i + 0.5) * dx; ${init}(w, s); ${u}[i + ${g}] = s[0]; }
      ${sv.kernel.name}(${arrays.join(', ')}, n, dx, nu, T, ${sv.cfl});
      for (long i = 0; i < N; i++) ${row}
      ${arrays.map((a) => `free(${a});`).join(' ')}
      return 0;
    }`;
  };
  const solve = line ? `
  if (strcmp(cmd, "solve") == 0 && argc >= 3) {
    double T = atof(argv[2]); long N = argc > 3 ? atol(argv[3]) : 400;
    double lo = ${line.lo}, hi = ${line.hi}, nu = argc > 4 ? atof(argv[4]) : ${line.nu}, dx = (hi - lo) / N;
    const char *scheme = argc > 5 ? argv[5] : "${line.solvers[0].scheme}";
    double w[1], s[1];${line.solvers.map(solveBranch).join('')}
    fprintf(stderr, "unknown scheme %s (expected ${schemes(line)})\\n", scheme);
    return 2;
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

// The command-line driver appended to each exported file: `loss|grad|hvp
// THETA...` prints the kernels' values, `solve T N` runs the Godunov solver
// from p(x,0) = Lbar'(x) on the spec's domain and prints "x p" lines. One
// spelling per target; the numbers always come from the printed kernels.
export interface DriverInfo {
  readonly parameterCount: number;
  /** For a 1-D quotient: the domain and default viscosity of the solver. */
  readonly line?: { readonly lo: number; readonly hi: number; readonly nu: number };
}

export function jsDriver(d: DriverInfo, typed: boolean): string {
  const T = (s: string): string => (typed ? s : '');
  const solve = d.line ? `
  } else if (cmd === 'solve') {
    const T${T(': number')} = Number(args[0]), N${T(': number')} = Number(args[1] ?? 400);
    const lo = ${d.line.lo}, hi = ${d.line.hi}, nu = Number(args[2] ?? ${d.line.nu}), dx = (hi - lo) / N;
    const p = new Float64Array(N + 2), next = new Float64Array(N + 2), F = new Float64Array(N + 2), w = new Float64Array(1), s = new Float64Array(1);
    for (let i = 1; i <= N; i++) { w[0] = lo + (i - 0.5) * dx; lbar_slope(w, s); p[i] = s[0]; }
    burgers_godunov(p, next, F, dx, nu, T, 0.9);
    for (let i = 1; i <= N; i++) console.log(\`\${(lo + (i - 0.5) * dx).toPrecision(17)} \${p[i].toPrecision(17)}\`);` : '';
  return `
// Command line: node FILE loss|grad|hvp THETA... ${d.line ? '| solve T [N] [NU]' : ''}
${typed ? 'declare const process: { argv: string[] };' : ''}
if (typeof process !== 'undefined' && process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()${T('!')})) {
  const [cmd, ...args] = process.argv.slice(2);
  const n = ${d.parameterCount};
  if (cmd === 'loss' || cmd === 'grad' || cmd === 'hvp') {
    const theta = Float64Array.from(args.map(Number));
    const out = new Float64Array(cmd === 'loss' ? 1 : n);
    (cmd === 'loss' ? loss : cmd === 'grad' ? grad : hvp)(theta, out);
    for (const v of out) console.log(v.toPrecision(17));${solve}
  } else {
    console.log('usage: loss|grad|hvp THETA...${d.line ? ' | solve T [N] [NU]' : ''}');
  }
}
`;
}

export function pythonDriver(d: DriverInfo): string {
  const solve = d.line ? `
    elif cmd == "solve":
        T = float(args[0]); N = int(args[1]) if len(args) > 1 else 400
        lo, hi = ${d.line.lo}, ${d.line.hi}
        nu = float(args[2]) if len(args) > 2 else ${d.line.nu}
        dx = (hi - lo) / N
        p = np.zeros(N + 2); nxt = np.zeros(N + 2); F = np.zeros(N + 2); s = np.zeros(1)
        for i in range(1, N + 1):
            lbar_slope(np.array([lo + (i - 0.5) * dx]), s); p[i] = s[0]
        burgers_godunov(p, nxt, F, dx, nu, T, 0.9)
        for i in range(1, N + 1):
            print("%.17g %.17g" % (lo + (i - 0.5) * dx, p[i]))` : '';
  return `

if __name__ == "__main__":
    import sys
    cmd, args = sys.argv[1], sys.argv[2:]
    n = ${d.parameterCount}
    if cmd in ("loss", "grad", "hvp"):
        theta = np.array([float(a) for a in args])
        out = np.zeros(1 if cmd == "loss" else n)
        {"loss": loss, "grad": grad, "hvp": hvp}[cmd](theta, out)
        for v in out:
            print("%.17g" % v)${solve}
    else:
        print("usage: loss|grad|hvp THETA...${d.line ? ' | solve T [N] [NU]' : ''}")
`;
}

export function cDriver(d: DriverInfo): string {
  const solve = d.line ? `
  if (argc >= 3 && strcmp(argv[1], "solve") == 0) {
    double T = atof(argv[2]); long N = argc > 3 ? atol(argv[3]) : 400;
    double lo = ${d.line.lo}, hi = ${d.line.hi}, nu = argc > 4 ? atof(argv[4]) : ${d.line.nu}, dx = (hi - lo) / N;
    double *p = calloc(N + 2, sizeof *p), *next = calloc(N + 2, sizeof *next), *F = calloc(N + 2, sizeof *F), w[1], s[1];
    for (long i = 1; i <= N; i++) { w[0] = lo + (i - 0.5) * dx; lbar_slope(w, s); p[i] = s[0]; }
    burgers_godunov(p, next, F, N + 2, dx, nu, T, 0.9);
    for (long i = 1; i <= N; i++) printf("%.17g %.17g\\n", lo + (i - 0.5) * dx, p[i]);
    free(p); free(next); free(F);
    return 0;
  }` : '';
  return `
/* Command line: ./solver loss|grad|hvp THETA...${d.line ? ' | solve T [N] [NU]' : ''} */
int main(int argc, char **argv) {
  const long n = ${d.parameterCount};
  if (argc >= 2 && (strcmp(argv[1], "loss") == 0 || strcmp(argv[1], "grad") == 0 || strcmp(argv[1], "hvp") == 0)) {
    double *theta = calloc(2 * n, sizeof *theta), *out = calloc(n, sizeof *out);
    for (int k = 2; k < argc && k - 2 < 2 * n; k++) theta[k - 2] = atof(argv[k]);
    if (strcmp(argv[1], "loss") == 0) loss(theta, out); else if (strcmp(argv[1], "grad") == 0) grad(theta, out); else hvp(theta, out);
    for (long k = 0; k < (strcmp(argv[1], "loss") == 0 ? 1 : n); k++) printf("%.17g\\n", out[k]);
    free(theta); free(out);
    return 0;
  }${solve}
  fprintf(stderr, "usage: %s loss|grad|hvp THETA...${d.line ? ' | solve T [N] [NU]' : ''}\\n", argv[0]);
  return 2;
}
`;
}

"""SymPy baseline for `npm run bench` (issue 2): verify the rescaling / GL(h)
generators of a one-hidden-layer MLP the same way hugoniot does: build the
loss with exact rational data, differentiate, and expand xi . grad L to 0.
relu is a custom function with relu' = Heaviside, and relu(z) = z H(z) is
substituted before expanding (the identity hugoniot's normal form builds in).

Reads a JSON job on stdin, prints one JSON object per case on stdout.
"""
import json
import sys
import time

import sympy as sp


class relu(sp.Function):
    def fdiff(self, argindex=1):
        return sp.Heaviside(self.args[0])


def build(width, activation, xs, ys):
    n_in = len(xs[0])
    W1 = [[sp.Symbol(f"W1_{j}_{i}") for i in range(1, n_in + 1)] for j in range(1, width + 1)]
    b1 = [sp.Symbol(f"b1_{j}") for j in range(1, width + 1)]
    W2 = [sp.Symbol(f"W2_1_{j}") for j in range(1, width + 1)]
    b2 = sp.Symbol("b2_1")
    act = (lambda z: relu(z)) if activation == "relu" else (lambda z: z)
    terms = []
    for x, y in zip(xs, ys):
        xr = [sp.Rational(str(v)) for v in x]
        hidden = [act(sum(W1[j][i] * xr[i] for i in range(n_in)) + b1[j]) for j in range(width)]
        f = sum(W2[j] * hidden[j] for j in range(width)) + b2
        terms.append(sp.Rational(1, 2) * (f - sp.Rational(str(y))) ** 2)
    L = sp.Add(*terms) / len(xs)
    params = [p for row in W1 for p in row] + b1 + W2 + [b2]
    return L, params, W1, b1, W2


def generators(width, activation, W1, b1, W2):
    """xi as dicts {symbol: component}: E_pq of GL(h) for identity, unit rescalings for relu."""
    gens = []
    pairs = [(p, q) for p in range(width) for q in range(width)] if activation == "identity" else [(j, j) for j in range(width)]
    for p, q in pairs:
        xi = {}
        # W1 -> A W1, b1 -> A b1, W2 -> W2 A^-1 with A = I + s E_pq
        for i in range(len(W1[0])):
            xi[W1[p][i]] = xi.get(W1[p][i], 0) + W1[q][i]
        xi[b1[p]] = xi.get(b1[p], 0) + b1[q]
        xi[W2[q]] = xi.get(W2[q], 0) - W2[p]
        gens.append(xi)
    return gens


def main():
    job = json.load(sys.stdin)
    xs, ys = job["x"], job["y"]
    for case in job["cases"]:
        width, activation = case["width"], case["activation"]
        limit = case.get("maxGenerators")
        t0 = time.perf_counter()
        L, params, W1, b1, W2 = build(width, activation, xs, ys)
        grad = {p: sp.diff(L, p) for p in params}
        t1 = time.perf_counter()
        gens = generators(width, activation, W1, b1, W2)
        if limit:
            gens = gens[:limit]
        all_zero = True
        for xi in gens:
            r = sp.Add(*[c * grad[p] for p, c in xi.items()])
            r = r.replace(lambda e: isinstance(e, relu), lambda e: e.args[0] * sp.Heaviside(e.args[0]))
            if sp.expand(r) != 0:
                all_zero = False
        t2 = time.perf_counter()
        print(json.dumps({"width": width, "activation": activation, "build_s": t1 - t0,
                          "verify_s": t2 - t1, "generators": len(gens), "all_zero": all_zero}), flush=True)


if __name__ == "__main__":
    main()

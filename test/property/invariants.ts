// What one run of `derive SPEC --format json` must satisfy, whatever the spec
// (issue 8 item 7; docs/theory.md §3 checks, §4 contracts): never exit 3, never
// a stack trace, exit 1 exactly when a check failed, a refusal (exit 2) is one
// line naming the file and the key, and the headline shock never contradicts
// the steps it summarises. Pure: the property test feeds it the CLI's output,
// invariants.test.ts feeds it outputs that break each rule.

export interface Run { readonly code: number; readonly out: string; readonly err: string; readonly specPath: string }

export interface ShockJson {
  forms: boolean; time: number | null; location: number | null; rho: number; reynolds: number | null;
  regime: string; speed: number | null; lax: boolean | null; kink?: { location: number; jump: number };
}
export interface CheckJson { method: string; status: string; detail: string }
export interface StepJson { id: string; stage: string; statement: string; checks: CheckJson[] }
export interface DerivationJson {
  report: {
    name: string; passed: boolean; shock: ShockJson; failedChecks: { step: string }[]; checks: { failed: number };
    symmetries?: { id: string; verified: { symbolic: boolean; numeric: boolean } }[]; conserved?: { id: string; verified: boolean }[];
  };
  steps: StepJson[];
}

/** A stack frame line as node prints it ("    at f (file.js:1:2)"). */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|<anonymous>\)?)$/m;

/** Numbers in step statements are printed to 6 significant digits (print/format-number, shock-on-line fmt). */
const fmt6 = (x: number): number => Number(x.toPrecision(6));
const close = (a: number, b: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** The number printed after the last `label` in a statement (`t^* = 1.23$`, `x^* = -4e-7$`; the general formula comes first), or undefined. */
export function statedNumber(statement: string, label: string): number | undefined {
  const i = statement.lastIndexOf(label);
  if (i < 0) return undefined;
  const m = /^\s*(-?[0-9.]+(?:e[-+]?\d+)?)/.exec(statement.slice(i + label.length));
  return m ? Number(m[1]) : undefined;
}

/** The key path of a refusal `hugoniot: FILE: KEY: expected ...` (for the summary), or undefined. */
export function refusalKey(err: string, file: string): string | undefined {
  const prefix = `hugoniot: ${file}: `;
  if (!err.startsWith(prefix)) return undefined;
  return err.slice(prefix.length).split(': ')[0];
}

/** Every rule the run breaks, each as one sentence; empty when the run is sound. */
export function violations(run: Run): string[] {
  const v: string[] = [];
  if (![0, 1, 2].includes(run.code)) v.push(`exit ${run.code} (only 0 ok, 1 failed check, 2 bad input are allowed): ${run.err.trim().slice(0, 400)}`);
  if (STACK_FRAME.test(run.err) || STACK_FRAME.test(run.out)) v.push('a stack trace was printed');
  if (run.code === 3 || ![0, 1, 2].includes(run.code)) return v;
  if (run.code === 2) {
    if (run.out !== '') v.push('exit 2 but something was written to stdout');
    const lines = run.err.trimEnd().split('\n');
    if (lines.length !== 1) v.push(`exit 2 should print one line, printed ${lines.length}`);
    const csv = /: (\S+\.csv): /.exec(run.err)?.[1];
    if (refusalKey(run.err, run.specPath) === undefined && !(csv && refusalKey(run.err, csv) !== undefined)) v.push(`exit 2 message does not start with "hugoniot: FILE: KEY:" naming the spec or its data file: ${run.err.trim().slice(0, 300)}`);
    return v;
  }
  let d: DerivationJson;
  try {
    d = JSON.parse(run.out) as DerivationJson;
  } catch {
    v.push(`exit ${run.code} but stdout is not JSON: ${run.out.slice(0, 200)}`);
    return v;
  }
  return [...v, ...exitVersusChecks(run, d), ...headlineVersusSteps(d)];
}

/** Exit 1 iff a check failed; every failed check is one stderr line; the counts agree with the steps. */
function exitVersusChecks(run: Run, d: DerivationJson): string[] {
  const v: string[] = [];
  const failedInSteps = d.steps.flatMap((s) => s.checks.filter((c) => c.status === 'failed').map((c) => `${s.id} [${c.method}]: ${c.detail}`));
  if ((run.code === 1) !== (failedInSteps.length > 0)) v.push(`exit ${run.code} but ${failedInSteps.length} failed check(s) in the steps${failedInSteps.length ? `: ${failedInSteps[0]}` : ''}`);
  if (d.report.passed !== (failedInSteps.length === 0)) v.push(`report.passed = ${d.report.passed} with ${failedInSteps.length} failed check(s) in the steps`);
  if (d.report.failedChecks.length !== failedInSteps.length || d.report.checks.failed !== failedInSteps.length) {
    v.push(`failed checks: ${failedInSteps.length} in the steps, ${d.report.failedChecks.length} in report.failedChecks, ${d.report.checks.failed} in report.checks.failed`);
  }
  const named = run.err.split('\n').filter((l) => l.startsWith('hugoniot: check failed: ')).length;
  if (named !== failedInSteps.length) v.push(`${failedInSteps.length} failed check(s) but ${named} "check failed" line(s) on stderr`);
  if (run.code === 0 && run.err !== '') v.push(`exit 0 with --quiet but stderr says: ${run.err.trim().slice(0, 300)}`);
  // The summary prints FAILED for an unverified symmetry or conserved quantity: only when a check failed.
  if (failedInSteps.length === 0) {
    const unverified = [...(d.report.symmetries ?? []).filter((s) => !s.verified.symbolic || !s.verified.numeric).map((s) => `symmetry ${s.id}`), ...(d.report.conserved ?? []).filter((c) => !c.verified).map((c) => `conserved ${c.id}`)];
    if (unverified.length) v.push(`no check failed, yet the report marks ${unverified.join(', ')} as not verified (printed FAILED)`);
  }
  return v;
}

/**
 * The headline (report.shock) is the analysis of the one line the crossing step
 * states: forms iff the step does not say "no shock forms"; t* = 0+ at a concave
 * kink, else t* = 1/rho; t*, x* and rho as the step prints them; a trajectory
 * that says characteristics cross has a shock in the headline; a formed shock
 * is followed by its Rankine-Hugoniot step.
 */
export function headlineVersusSteps(d: DerivationJson): string[] {
  const v: string[] = [];
  const s = d.report.shock;
  const crossing = d.steps.find((st) => st.id === 'shock/characteristic-crossing');
  if (!crossing) return ['no shock/characteristic-crossing step'];
  const text = crossing.statement;
  if (typeof s.rho !== 'number' || !Number.isFinite(s.rho)) v.push(`headline rho = ${String(s.rho)} is not a finite number`);
  const saysNone = text.includes('no shock forms');
  if (s.forms === saysNone) v.push(`headline forms = ${s.forms} but the crossing step says "${saysNone ? 'no shock forms' : 'a shock forms'}"`);
  if (!s.forms) {
    if (s.time !== null || s.location !== null || s.reynolds !== null || s.regime !== 'none') v.push(`no shock in the headline, yet time = ${s.time}, location = ${s.location}, Re = ${s.reynolds}, regime = ${s.regime}`);
    if (s.rho > 0 && !s.kink) v.push(`headline rho = ${s.rho} > 0 without a shock`);
  } else {
    if (s.time === null || s.location === null) v.push(`headline shock forms without a time or place (time = ${s.time}, location = ${s.location})`);
    else if (s.kink) {
      if (s.time !== 0) v.push(`a concave kink gives t* = 0+, the headline says ${s.time}`);
      if (!text.includes('t^* = 0^+')) v.push('headline has a concave kink, the crossing step does not say t* = 0+');
      if (s.location !== s.kink.location) v.push(`headline x* = ${s.location} is not the kink at ${s.kink.location}`);
    } else {
      if (!(s.rho > 0) || !close(s.time, 1 / s.rho)) v.push(`headline t* = ${s.time} is not 1/rho = ${1 / s.rho}`);
      const t = statedNumber(text, 't^* = '), rho = statedNumber(text, '\\rho = ');
      if (t === undefined || !close(t, fmt6(s.time), 1e-12)) v.push(`headline t* = ${s.time}, the crossing step says t* = ${t}`);
      if (rho === undefined || !close(rho, fmt6(s.rho), 1e-12)) v.push(`headline rho = ${s.rho}, the crossing step says rho = ${rho}`);
    }
    const x = statedNumber(text, 'x^* = ');
    if (s.location !== null && (x === undefined || !close(x, fmt6(s.location), 1e-12))) v.push(`headline x* = ${s.location}, the crossing step says x* = ${x}`);
    if (!d.steps.some((st) => st.id === 'shock/rankine-hugoniot')) v.push('a shock forms but there is no shock/rankine-hugoniot step');
  }
  const trajectory = d.steps.find((st) => st.id === 'shock/trajectory-curvature');
  if (trajectory?.statement.includes('characteristics cross in the quotient') && !s.forms) v.push('the trajectory step says characteristics cross, the headline says no shock');
  return v;
}

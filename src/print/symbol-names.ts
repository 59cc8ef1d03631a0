// How parameter and jet names are typeset: W1_2_3 -> W^{(1)}_{2,3},
// v1 -> v_{1}, u_xx -> u_{xx}, nu -> \nu.
const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Phi', 'Psi', 'Omega']);

const stem = (s: string): string => (GREEK.has(s) ? '\\' + s : s.length > 1 ? `\\mathrm{${s}}` : s);

export function latexSymbol(name: string): string {
  const m = /^([A-Za-z]+)(\d*)((?:_[A-Za-z0-9]+)*)$/.exec(name);
  if (!m) return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
  const [, letters, digits, rest] = m;
  const subs = rest ? rest.slice(1).split('_') : [];
  if (digits && subs.length) return `${stem(letters)}^{(${digits})}_{${subs.join(',')}}`;
  if (digits) return `${stem(letters)}_{${digits}}`;
  if (subs.length) return `${stem(letters)}_{${subs.join(',')}}`;
  return stem(letters);
}

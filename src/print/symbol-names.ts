// How parameter and jet names are typeset: W1_2_3 -> W^{(1)}_{2,3} (layer 1,
// entry (2,3)), v1 -> v_{1}, u_xx -> u_{xx}, nu -> \nu, Lbar -> \bar{L},
// thetahat -> \hat{\theta}. Anything else is set upright, never dropped.
const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi',
  'rho', 'varrho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);
const ACCENTS: Readonly<Record<string, string>> = { bar: '\\bar', hat: '\\hat', tilde: '\\tilde', dot: '\\dot', ddot: '\\ddot' };

const letterOrGreek = (s: string): string | null => (s.length === 1 ? s : GREEK.has(s) ? '\\' + s : null);

function stem(s: string): string {
  const plain = letterOrGreek(s);
  if (plain) return plain;
  // Lbar -> \bar{L}: an accent suffix on a single letter or a Greek name.
  const acc = /^(.+?)(bar|hat|tilde|ddot|dot)$/.exec(s);
  const base = acc ? letterOrGreek(acc[1]) : null;
  if (acc && base) return `${ACCENTS[acc[2]]}{${base}}`;
  return `\\mathrm{${s}}`;
}

export function latexSymbol(name: string): string {
  const m = /^([A-Za-z]+)(\d*)((?:_[A-Za-z0-9]+)*)$/.exec(name);
  if (!m) return `\\mathrm{${name.replace(/[_$#%&{}]/g, '\\$&')}}`;
  const [, letters, digits, rest] = m;
  const subs = rest ? rest.slice(1).split('_') : [];
  if (digits && subs.length) return `${stem(letters)}^{(${digits})}_{${subs.join(',')}}`;
  if (digits) return `${stem(letters)}_{${digits}}`;
  if (subs.length) return `${stem(letters)}_{${subs.join(',')}}`;
  return stem(letters);
}

// Plain text -> LaTeX text mode that pdflatex (default utf8 input, OT1 fonts)
// accepts whatever a rule file or spec name contains: the ten special
// characters are escaped, common Unicode is spelled in LaTeX, and anything
// else is shown as its code point instead of stopping the compilation.
import { renderProse } from './prose.js';

const SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_',
  '^': '\\textasciicircum{}', '~': '\\textasciitilde{}', '<': '\\textless{}', '>': '\\textgreater{}', '|': '\\textbar{}',
};

const GREEK_LETTERS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'varsigma', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega'];
/** Unicode -> LaTeX math (used inside $...$ in text, bare in math). */
const MATH_CHARS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(GREEK_LETTERS.filter((g) => g !== 'omicron').map((g) => [String.fromCodePoint(0x3b1 + GREEK_LETTERS.indexOf(g)), `\\${g}`])),
  'Γ': '\\Gamma', 'Δ': '\\Delta', 'Θ': '\\Theta', 'Λ': '\\Lambda', 'Ξ': '\\Xi', 'Π': '\\Pi', 'Σ': '\\Sigma', 'Φ': '\\Phi', 'Ψ': '\\Psi', 'Ω': '\\Omega',
  '≤': '\\le', '≥': '\\ge', '≠': '\\ne', '≈': '\\approx', '×': '\\times', '·': '\\cdot', '⋅': '\\cdot', '±': '\\pm', '−': '-', '→': '\\to', '←': '\\leftarrow',
  '∞': '\\infty', '∈': '\\in', '∂': '\\partial', '∇': '\\nabla', '∑': '\\sum', '∫': '\\int', '√': '\\surd', '∼': '\\sim', '‖': '\\|', '⊥': '\\perp', '°': '^\\circ',
};
/** Unicode -> LaTeX text. */
const TEXT_CHARS: Readonly<Record<string, string>> = {
  '—': '---', '–': '--', '‘': '`', '’': "'", '“': '``', '”': "''", '…': '\\dots{}', '\u00a0': '~', 'ß': '\\ss{}', 'æ': '\\ae{}', 'ø': '\\o{}', 'Ø': '\\O{}', 'å': '\\aa{}',
};
/** Combining marks (after NFD) -> text accent commands: é = e + U+0301 -> \'{e}. */
const ACCENTS: Readonly<Record<string, string>> = {
  '\u0300': '\\`', '\u0301': "\\'", '\u0302': '\\^', '\u0303': '\\~', '\u0308': '\\"', '\u0327': '\\c', '\u030c': '\\v', '\u030a': '\\r', '\u0304': '\\=',
};

const hex = (c: string): string => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
const codePoint = (c: string): string => `{\\ttfamily [U+${hex(c)}]}`;

/** Plain text (no math) -> LaTeX text mode. */
export function escapeTexText(s: string): string {
  const chars = [...s.normalize('NFD')];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    if (next !== undefined && ACCENTS[next] && /[A-Za-z]/.test(c)) { out += `${ACCENTS[next]}{${c === 'i' ? '\\i' : c}}`; i++; continue; }
    if (SPECIALS[c]) out += SPECIALS[c];
    else if (c.charCodeAt(0) < 0x80) out += c;
    else if (TEXT_CHARS[c]) out += TEXT_CHARS[c];
    else if (MATH_CHARS[c]) out += `$${MATH_CHARS[c]}$`;
    else out += codePoint(c);
  }
  return out;
}

/** Unicode symbols inside math -> LaTeX commands; ASCII passes through untouched. */
export const texMath = (tex: string): string => [...tex].map((c) => (c.charCodeAt(0) < 0x80 ? c : MATH_CHARS[c] ? `${MATH_CHARS[c]}{}` : `\\text{[U+${hex(c)}]}`)).join('');

/** Prose (text with $...$ math) -> LaTeX: text escaped, math kept. */
export const escapeProse = (s: string): string => renderProse(s, escapeTexText, (m) => `$${texMath(m)}$`);

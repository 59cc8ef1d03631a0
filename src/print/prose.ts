// Step titles, statements and conditions are prose with inline LaTeX between
// single dollars. Each document printer renders the two kinds of segment its
// own way; a dollar without a partner is a literal dollar sign.

export interface ProseSegment {
  readonly math: boolean;
  /** Math without its dollars, or plain text (dollars included). */
  readonly text: string;
}

export function proseSegments(s: string): ProseSegment[] {
  const out: ProseSegment[] = [];
  let last = 0;
  for (const m of s.matchAll(/\$([^$]+)\$/g)) {
    if (m.index > last) out.push({ math: false, text: s.slice(last, m.index) });
    out.push({ math: true, text: m[1] });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ math: false, text: s.slice(last) });
  return out;
}

/** Render prose segment by segment. */
export const renderProse = (s: string, plain: (t: string) => string, math: (tex: string) => string): string =>
  proseSegments(s).map((p) => (p.math ? math(p.text) : plain(p.text))).join('');

// One printer per target, all walking the same Derivation.
import { match } from 'ts-pattern';
import type { Derivation } from '../derivation/derivation.js';
import { html } from './html.js';
import { json } from './json.js';
import { latexDocument } from './latex-document.js';
import { markdown } from './markdown.js';

export type OutputFormat = 'tex' | 'md' | 'json' | 'html';

export const printDerivation = (d: Derivation, format: OutputFormat): string =>
  match(format)
    .with('tex', () => latexDocument(d))
    .with('md', () => markdown(d))
    .with('json', () => json(d))
    .with('html', () => html(d))
    .exhaustive();

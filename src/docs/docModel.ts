/** One figure: an SVG file and its caption. */
export interface Figure {
  /** Path relative to the docs folder. */
  readonly path: string;
  readonly svg: string;
  readonly caption: string;
}

/** The blocks both renderers understand. Inline text may hold `code` spans. */
export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string; readonly id: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'figures'; readonly figures: readonly Figure[] };

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

import type { Block } from './docModel.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The blocks as GitHub-flavoured Markdown; figures link their SVG files. */
export function renderMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        // an explicit anchor: the links in the page use the generator's ids
        out.push(`<a id="${b.id}"></a>\n\n${'#'.repeat(b.level)} ${b.text}`);
        break;
      case 'paragraph':
        out.push(b.text);
        break;
      case 'list':
        out.push(b.items.map((item) => `- ${item}`).join('\n'));
        break;
      case 'table':
        out.push(
          [
            `| ${b.head.map(cell).join(' | ')} |`,
            `|${b.head.map(() => '---').join('|')}|`,
            ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
          ].join('\n'),
        );
        break;
      case 'code':
        out.push(`\`\`\`\n${b.text.trimEnd()}\n\`\`\``);
        break;
      case 'figures':
        out.push(b.figures.map((f) => `![${f.caption}](${f.path})\n\n*${f.caption}*`).join('\n\n'));
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

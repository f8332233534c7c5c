import type { Block } from './docModel.ts';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline text: escaped, with `code` spans and [links](#anchor). */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

const style = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2430; background: #fafbfc; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 28px; margin-top: 8px; } h2 { margin-top: 40px; border-bottom: 1px solid #d8dee4; padding-bottom: 4px; } h3 { margin-top: 28px; }
code { background: #eef1f4; padding: 1px 4px; border-radius: 3px; font-size: 90%; }
pre { background: #0f1720; color: #e6edf3; padding: 12px 14px; overflow-x: auto; font-size: 12.5px; line-height: 1.4; border-radius: 6px; }
table { border-collapse: collapse; margin: 12px 0; } th, td { border: 1px solid #d0d7de; padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: #eef1f4; } .figures { display: flex; flex-direction: column; gap: 12px; }
figure { margin: 8px 0; min-width: 0; } figure svg { max-width: 100%; height: auto; background: #fff; border: 1px solid #d8dee4; border-radius: 4px; }
figcaption { font-size: 13px; color: #57606a; margin-top: 4px; }
`;

/** The blocks as one self-contained HTML page: inline CSS, inline SVG, no script, no network. */
export function renderHtml(title: string, blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`<h${b.level} id="${escapeHtml(b.id)}">${inline(b.text)}</h${b.level}>`);
        break;
      case 'paragraph':
        out.push(`<p>${inline(b.text)}</p>`);
        break;
      case 'list':
        out.push(`<ul>${b.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
        break;
      case 'table':
        out.push(
          `<table><thead><tr>${b.head.map((h) => `<th>${inline(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
        );
        break;
      case 'code':
        out.push(`<pre>${escapeHtml(b.text.trimEnd())}</pre>`);
        break;
      case 'figures':
        out.push(
          `<div class="figures">${b.figures
            .map(
              (f) =>
                `<figure data-path="${escapeHtml(f.path)}">${f.svg.replace(/^<\?xml[^>]*>\s*/, '')}<figcaption>${inline(f.caption)}</figcaption></figure>`,
            )
            .join('')}</div>`,
        );
        break;
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${out.join('\n')}
</main>
</body>
</html>
`;
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function document(options: { title: string; head?: string; body: string; lang?: string }): string {
  return `<!DOCTYPE html>
<html lang="${options.lang ?? 'en-GB'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
${options.head ?? ''}
</head>
<body>
${options.body}
</body>
</html>
`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/gu, (char) => HTML_ESCAPES[char]!);

/** A minimal, mail-client-safe HTML document around already-escaped body markup. */
export const htmlDocument = (lang: string, title: string, body: string): string =>
  `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;line-height:1.6;color:#1f2328;max-width:640px;margin:0 auto;padding:16px">${body}</body></html>`;

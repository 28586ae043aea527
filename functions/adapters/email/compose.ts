import { escapeHtml, htmlDocument } from './html.ts';
import type { EmailContent } from './mailer.ts';

/** A part of a plain email; every string is text, escaped here for the HTML part. */
export type EmailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: [label: string, value: string][] }
  | { kind: 'link'; intro: string; label: string; url: string }
  | { kind: 'small'; text: string };

/** The text and HTML parts of an email from the same blocks, so both always say the same. */
export const composeEmail = (lang: string, subject: string, blocks: EmailBlock[]): EmailContent => {
  const text = blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
        case 'small':
          return block.text;
        case 'facts':
          return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
        case 'link':
          return `${block.intro}\n${block.url}`;
      }
    })
    .join('\n\n');
  const html = blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return `<p>${escapeHtml(block.text).replaceAll('\n', '<br>')}</p>`;
        case 'small':
          return `<p style="font-size:0.85em;color:#57606a">${escapeHtml(block.text)}</p>`;
        case 'facts':
          return `<table style="border-collapse:collapse;margin:12px 0">${block.rows
            .map(
              ([label, value]) =>
                `<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0">${escapeHtml(label)}</th><td>${escapeHtml(value).replaceAll('\n', '<br>')}</td></tr>`,
            )
            .join('')}</table>`;
        case 'link':
          return `<p>${escapeHtml(block.intro)}<br><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`;
      }
    })
    .join('');
  return { subject, text, html: htmlDocument(lang, subject, html) };
};

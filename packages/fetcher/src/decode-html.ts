import { decodeBuffer, getEncoding } from 'encoding-sniffer';

/** `text/html; charset=UTF-8` → `text/html`. Empty when the header is absent. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

function charsetParamOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

/** With no Content-Type at all, an HTML-looking start of body counts as text/html (WHATWG MIME sniffing, narrowed). */
export function sniffMediaType(body: Buffer): string {
  const head = body
    .subarray(0, 512)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  return /^<(!doctype html|html|head|body|!--)/.test(head) ? 'text/html' : 'application/octet-stream';
}

/**
 * Decodes an HTML body to a JS string following the WHATWG encoding sniffing algorithm: BOM, then the
 * Content-Type charset, then <meta charset> / http-equiv in the first 1024 bytes, then windows-1252.
 */
export function decodeHtml(body: Buffer, contentType: string | undefined): { charset: string; text: string } {
  const options = {
    transportLayerEncodingLabel: charsetParamOf(contentType),
    defaultEncoding: 'windows-1252',
  };
  const charset = getEncoding(body, options);
  return { charset, text: decodeBuffer(body, options) };
}

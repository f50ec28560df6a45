import { describe, expect, it } from 'vitest';
import { decodeHtml, mediaTypeOf, sniffMediaType } from './decode-html.ts';

const latin = (s: string) => Buffer.from(s, 'latin1');

describe('decodeHtml', () => {
  it('takes the Content-Type charset', () => {
    const { charset, text } = decodeHtml(latin('<p>caf\xe9</p>'), 'text/html; charset=ISO-8859-1');
    expect(charset).toBe('windows-1252');
    expect(text).toBe('<p>café</p>');
  });

  it('falls back to windows-1252 when nothing declares a charset (curly quotes, pound sign)', () => {
    const { charset, text } = decodeHtml(Buffer.from([0x93, 0x41, 0x94, 0x20, 0xa3, 0x35]), 'text/html');
    expect(charset).toBe('windows-1252');
    expect(text).toBe('\u201cA\u201d £5');
  });

  it('reads <meta charset> and http-equiv in the first 1024 bytes', () => {
    const euro = Buffer.concat([
      latin('<html><head><meta charset="windows-1252"></head><body>'),
      Buffer.from([0x80]),
    ]);
    expect(decodeHtml(euro, 'text/html').text).toContain('€');
    const equiv = Buffer.concat([
      latin('<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><p>'),
      Buffer.from('Zoë', 'utf8'),
    ]);
    expect(decodeHtml(equiv, undefined)).toMatchObject({
      charset: 'UTF-8',
      text: expect.stringContaining('Zoë'),
    });
  });

  it('lets a BOM win over a wrong header, and strips it', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ōtaki £', 'utf8')]);
    const { charset, text } = decodeHtml(body, 'text/html; charset=iso-8859-1');
    expect(charset).toBe('UTF-8');
    expect(text).toBe('Ōtaki £');
  });

  it('decodes UTF-16 with a BOM', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>hé</p>', 'utf16le')]);
    expect(decodeHtml(body, 'text/html').text).toBe('<p>hé</p>');
  });
});

describe('media types', () => {
  it('strips parameters and lower-cases', () => {
    expect(mediaTypeOf('Text/HTML; Charset=UTF-8')).toBe('text/html');
    expect(mediaTypeOf(undefined)).toBe('');
  });

  it('sniffs HTML only when there is no Content-Type', () => {
    expect(sniffMediaType(Buffer.from('\n  <!DOCTYPE html><html>'))).toBe('text/html');
    expect(sniffMediaType(Buffer.from('%PDF-1.7'))).toBe('application/octet-stream');
  });
});

import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  contentTypeProblem,
  declaredDocumentType,
  detectDocumentType,
  sanitiseFileName,
} from './document-types';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('detectDocumentType: the type proven by the first bytes', () => {
  it('recognises PDF, JPEG and PNG signatures', () => {
    expect(detectDocumentType(Buffer.from('%PDF-1.7\n…'))).toBe('application/pdf');
    expect(detectDocumentType(bytes(0xff, 0xd8, 0xff, 0xe1, 0x00))).toBe('image/jpeg');
    expect(detectDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toBe('image/png');
  });

  it('refuses anything else, truncated signatures and signatures not at the start', () => {
    expect(detectDocumentType(Buffer.from('%PDF'))).toBeNull();
    expect(detectDocumentType(Buffer.from(' %PDF-1.4'))).toBeNull();
    expect(detectDocumentType(bytes(0xff, 0xd8))).toBeNull();
    expect(detectDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull();
    expect(detectDocumentType(Buffer.from('GIF89a'))).toBeNull();
    expect(detectDocumentType(Buffer.from('PK\x03\x04 docx'))).toBeNull();
    expect(detectDocumentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectDocumentType(new Uint8Array(0))).toBeNull();
  });
});

describe('declared type against the content', () => {
  it('reads the Content-Type without its parameters, accepted types only', () => {
    expect(declaredDocumentType('application/pdf')).toBe('application/pdf');
    expect(declaredDocumentType(' Image/PNG ; name=x')).toBe('image/png');
    expect(declaredDocumentType('image/gif')).toBeNull();
    expect(declaredDocumentType('application/octet-stream')).toBeNull();
    expect(declaredDocumentType(undefined)).toBeNull();
  });

  it('says in French why a content is refused', () => {
    expect(contentTypeProblem('application/pdf', 'application/pdf')).toBeNull();
    expect(contentTypeProblem('application/pdf', null)).toMatch(/ni un PDF, ni une image JPEG ou PNG/);
    expect(contentTypeProblem('image/jpeg', 'image/png')).toBe(
      'Le contenu du fichier (image PNG) ne correspond pas au type annoncé (image JPEG).',
    );
  });
});

describe('sanitiseFileName', () => {
  it('keeps a plain name as it is', () => {
    expect(sanitiseFileName('Contrat signé.pdf', 'application/pdf')).toBe('Contrat signé.pdf');
    expect(sanitiseFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
  });

  it('drops folders, control and reserved characters, leading dots', () => {
    expect(sanitiseFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(sanitiseFileName('C:\\Users\\Léa\\CV.PDF', 'application/pdf')).toBe('CV.pdf');
    expect(sanitiseFileName('a\u0000b\r\nc.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(sanitiseFileName('mon "cv" <v2>?.pdf', 'application/pdf')).toBe('mon _cv_ _v2__.pdf');
    expect(sanitiseFileName('.htaccess', 'application/pdf')).toBe('htaccess.pdf');
    // Right-to-left override: "fdp.exe" would read as "exe.pdf".
    expect(sanitiseFileName('facture\u202Efdp.exe', 'application/pdf')).toBe('facturefdp.exe.pdf');
  });

  it('gives the extension of the real type, and a name when nothing is left', () => {
    expect(sanitiseFileName('scan', 'application/pdf')).toBe('scan.pdf');
    expect(sanitiseFileName('photo.png', 'image/jpeg')).toBe('photo.png.jpg');
    expect(sanitiseFileName('...', 'image/png')).toBe('document.png');
    expect(sanitiseFileName('   ', 'application/pdf')).toBe('document.pdf');
  });

  it('cuts a long name to 120 characters, keeping the extension', () => {
    const name = sanitiseFileName(`${'é'.repeat(300)}.pdf`, 'application/pdf');
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('é.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('offers an ASCII name and the exact UTF-8 one, never a quote or a line break', () => {
    expect(attachmentDisposition('Contrat signé.pdf')).toBe(
      `attachment; filename="Contrat signe.pdf"; filename*=UTF-8''Contrat%20sign%C3%A9.pdf`,
    );
    const header = attachmentDisposition('a"b;c\'d(e).pdf');
    expect(header).toBe(`attachment; filename="a_b_c_d_e_.pdf"; filename*=UTF-8''a%22b%3Bc%27d%28e%29.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
  });
});

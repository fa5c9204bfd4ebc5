import { describe, expect, it } from 'vitest';
import { announcedType } from './file-type';

describe('announcedType: the type sent with a chosen file', () => {
  it('keeps the browser’s type when it is accepted', () => {
    expect(announcedType({ name: 'cv.pdf', type: 'application/pdf' })).toBe('application/pdf');
    expect(announcedType({ name: 'photo', type: 'image/jpeg' })).toBe('image/jpeg');
  });

  it('falls back on the extension when the browser says nothing', () => {
    expect(announcedType({ name: 'Scan.PNG', type: '' })).toBe('image/png');
    expect(announcedType({ name: 'carte.jpeg', type: 'application/octet-stream' })).toBe('image/jpeg');
    expect(announcedType({ name: 'sans-extension', type: '' })).toBeNull();
  });

  it('refuses other types, whatever the name says', () => {
    expect(announcedType({ name: 'lettre.docx', type: 'application/vnd.openxmlformats' })).toBeNull();
    expect(announcedType({ name: 'faux.pdf', type: 'text/plain' })).toBeNull();
    expect(announcedType({ name: 'image.gif', type: 'image/gif' })).toBeNull();
  });
});

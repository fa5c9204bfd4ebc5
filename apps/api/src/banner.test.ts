import { describe, expect, it } from 'vitest';
import { startBanner } from './banner';

describe('startBanner', () => {
  it('gives the URL, the data directory and the demo accounts hint in French', () => {
    const text = startBanner('http://127.0.0.1:3000', {
      databaseUrl: undefined,
      dataDir: './.data',
      demo: true,
    });
    expect(text).toContain('Parcours est démarré : http://127.0.0.1:3000');
    expect(text).toContain('données : PGlite embarquée, dossier ./.data');
    expect(text).toContain('admin@parcours.test');
    expect(text).toContain('mot de passe Parcours-demo-2026');
    expect(text.trim().split('\n').length).toBeLessThanOrEqual(5);
  });

  it('names PostgreSQL without its URL (it may hold a password) and no demo hint outside the demo', () => {
    const text = startBanner('https://parcours.example', {
      databaseUrl: 'postgres://u:secret@db/parcours',
      dataDir: './.data',
      demo: false,
    });
    expect(text).toContain('données : PostgreSQL (DATABASE_URL)');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('démonstration');
  });
});

import { z } from 'zod';

// The Content-Security-Policy forbids eval: Zod must neither compile its parsers with
// `new Function` nor even probe whether it may (the probe is reported as a CSP violation).
// Imported first by main.tsx, before any schema is parsed.
z.config({ jitless: true });

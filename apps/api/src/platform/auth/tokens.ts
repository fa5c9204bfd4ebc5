import { createHash, randomBytes } from 'node:crypto';

export const newToken = () => randomBytes(32).toString('base64url');
/** Secrets (session ids, reset tokens) are stored only as hashes. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

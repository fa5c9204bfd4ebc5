import { z } from 'zod';

/** A required text field of a form: trimmed, not empty, bounded, with French messages naming it. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ message: `${label} : obligatoire.` })
    .trim()
    .min(1, { message: `${label} : obligatoire.` })
    .max(max, { message: `${label} : ${max} caractères au maximum.` });

/** An optional text field: trimmed and bounded; empty, null or absent all become null. */
export const optionalText = (label: string, max: number) =>
  z
    .string({ message: `${label} : texte attendu.` })
    .trim()
    .max(max, { message: `${label} : ${max} caractères au maximum.` })
    .nullish()
    .transform((v) => (v ? v : null));

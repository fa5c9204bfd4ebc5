/**
 * The single-use signing link of a PMSMP convention (e-mailed to a party without an account,
 * usually the host's tutor). Like the beneficiary's sign-in link (ADR 0015): a 256-bit token of
 * which only the sha256 is stored, made by the job that sends it, single use, a newer link for the
 * same party closing the older one. It lives longer (7 days): the tutor reads the convention at
 * work, not within minutes. A fixed duration (a security decision, reviewed in code).
 */
export const SIGN_LINK_TTL_DAYS = 7;
export const SIGN_LINK_QUEUE = 'mail.immersion-sign-link';

export const signLinkExpiry = (now: Date) => new Date(now.getTime() + SIGN_LINK_TTL_DAYS * 86_400_000);

export const signLinkRefusals = {
  expired: `Ce lien de signature a expiré (il est valable ${SIGN_LINK_TTL_DAYS} jours) : demandez un nouveau lien à la structure d’accompagnement.`,
  used: 'Ce lien de signature a déjà servi, ou un lien plus récent l’a remplacé : il ne fonctionne qu’une fois.',
  unknown: 'Ce lien de signature n’est pas valable : vérifiez qu’il est complet.',
  closed: 'Cette convention n’attend plus de signature (elle a été modifiée, annulée ou déjà signée).',
} as const;

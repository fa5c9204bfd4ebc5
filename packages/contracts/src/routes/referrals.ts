/** Referrals (fiches de liaison) and the operator portal (issue 12). */
export const referralsApi = {};

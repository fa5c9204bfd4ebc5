/** The offer context's facade: what other contexts (referrals, aids, demo) may use. */
export {};

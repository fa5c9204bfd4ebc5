/** The referrals context's facade. */
export {};

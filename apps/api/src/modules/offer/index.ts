/** The offer context's facade: what other contexts (referrals, aids, demo) may use. */
// Free places: the one count of places taken in sessions, and the check a referral makes with it.
export { assertReferrable, referrableMessages } from './application/places';
export { actionSessions, actionStatuses, sessionById } from './infra/catalogue-repo';
export { sessionPlaces } from './infra/places-repo';

/** What other contexts may use of the beneficiary space: the notices the person gave on appointments. */
export { latestNotices as appointmentNoticesOf } from './infra/space-repo';

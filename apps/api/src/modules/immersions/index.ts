/** The immersions context's facade (PMSMP conventions). */
export { ensureImmersionSchedule } from './application/daily';
export { registerImmersionJobs } from './jobs';

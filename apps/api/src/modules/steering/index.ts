/** The steering context's facade: what other contexts (demo, offer) and the bench may use. */
export { computePlanPauvreteIndicators, type IndicatorScope } from './application/indicators';

/** The steering context's facade: what other contexts (demo, offer) and the bench may use. */

export { importConventionTable } from './application/import-convention';
export { computePlanPauvreteIndicators, type IndicatorScope } from './application/indicators';
export { factHubsProjector } from './infra/fact-hubs';

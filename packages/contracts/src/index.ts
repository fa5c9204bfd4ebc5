export * from './admin';
export * from './auth';
export * from './beneficiaries';
export * from './errors';
export * from './roles';
export * from './territory';

export * from './stack';
export * from './service-catalogue';
export * from './service-process';
export * from './wait-until-ready';

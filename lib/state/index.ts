export * from './backend';
export * from './contract';

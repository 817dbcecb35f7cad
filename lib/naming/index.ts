export * from './name-rules';
export * from './resource-name';

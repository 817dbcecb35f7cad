export * from './dns-zone';

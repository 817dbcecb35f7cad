export * from './dns-zone';
export * from './caa';
export * from './domain-names';
export * from './route53-zone';
export * from './cloudflare-zone';

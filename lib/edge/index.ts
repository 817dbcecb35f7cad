export * from './security-headers';
export * from './certificate';
export * from './load-balancer';
export * from './load-balancer-log-delivery';
export * from './web-acl';
export { PRICE_CLASSES, type PriceClass } from './static-site-validation';
export * from './static-site';

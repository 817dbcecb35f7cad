export * from './attribute-path';
export * from './cli';
export * from './markdown';
export * from './stateful-types';
export * from './verdict';

export * from './cost-allocation-tags';
export * from './monthly-budget';
export * from './monthly-budget-props';
export * from './monthly-budget-validation';

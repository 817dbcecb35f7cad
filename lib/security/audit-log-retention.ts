/**
 * Days production keeps the logs an audit or an incident investigation reaches back into (database,
 * cache, WAF, flow logs): a year, the floor of CIS AWS Foundations and PCI DSS 10.5.1, and what
 * the policy gate (checkov CKV_AWS_338) asks of every log group.
 */
export const AUDIT_LOG_RETENTION_DAYS = 365;

/**
 * Where the functions' business metrics land in CloudWatch (Powertools EMF): the metrics adapter
 * writes under these, and infra/'s alarms and dashboard read them. No imports, so CDK can load it.
 */
export const METRICS_NAMESPACE = 'ComplaintHandling';
export const METRICS_SERVICE = 'complaints';

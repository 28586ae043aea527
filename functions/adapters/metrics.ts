import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Business and operations figures as CloudWatch metrics (embedded metric format, written to the log:
 * no API call). Every metric has the dimension `service` = `complaints`; the alarms on them are
 * declared in infra/ under the same names.
 */
export const METRICS_NAMESPACE = 'ComplaintHandling';

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'complaints' });

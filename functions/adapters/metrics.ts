import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';
import type { BusinessMetric, BusinessMetrics } from '../app/ports.ts';
import { METRICS_NAMESPACE, METRICS_SERVICE } from './metric-names.ts';

/**
 * Business metrics as CloudWatch EMF (Powertools): namespace ComplaintHandling, dimension service =
 * complaints (the alarms and the dashboard in infra/ read these names).
 */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

export const businessMetrics: BusinessMetrics = {
  count: (name: BusinessMetric, dimensions?: Record<string, string>) => {
    if (!dimensions) {
      metrics.addMetric(name, MetricUnit.Count, 1);
      return;
    }
    // A metric with its own dimensions goes out on its own, so it never lends them to the others.
    const single = metrics.singleMetric();
    single.addDimensions(dimensions);
    single.addMetric(name, MetricUnit.Count, 1);
  },
};

/**
 * Publishes what an invocation counted, after it returns or throws. Powertools' own logMetrics
 * middleware would also warn "No application metrics to publish" on every invocation that counted
 * nothing, which is most of them.
 */
export const publishBusinessMetrics = (): middy.MiddlewareObj => {
  const publish = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

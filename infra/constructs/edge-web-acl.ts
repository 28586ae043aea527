import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeWebAclProps {
  /** Requests one client IP may make in any 5 minutes before it is blocked (WAF's rate window). */
  requestsPerIpPer5Minutes: number;
  /**
   * Adds the AWS managed Bot Control rule group (common level). It is billed per request on top of
   * the web ACL, so it is off unless asked for (`-c wafBotControl=true`).
   */
  botControl: boolean;
}

/** One AWS managed rule group as a web ACL rule that applies the group's own actions. */
const managedRuleGroup = (name: string, priority: number): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
});

/** Names of the rules, also the CloudWatch metric names the dashboard shows. */
export const RATE_RULE_NAME = 'RequestsPerIp';

/**
 * The web ACL in front of the CloudFront distribution (pages and /v1/* API): a rate-based rule per
 * client IP, then the AWS managed IP reputation list, common rule set and known bad inputs (all
 * free of per-rule charges), and optionally Bot Control. CLOUDFRONT scope: it must be created in
 * us-east-1.
 */
export class EdgeWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const rules: CfnWebACL.RuleProperty[] = [
      {
        name: RATE_RULE_NAME,
        priority: 0,
        action: { block: {} },
        statement: {
          rateBasedStatement: { limit: props.requestsPerIpPer5Minutes, aggregateKeyType: 'IP' },
        },
        visibilityConfig: {
          cloudWatchMetricsEnabled: true,
          metricName: RATE_RULE_NAME,
          sampledRequestsEnabled: true,
        },
      },
      managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 1),
      managedRuleGroup('AWSManagedRulesCommonRuleSet', 2),
      managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 3),
    ];
    if (props.botControl) {
      rules.push({
        ...managedRuleGroup('AWSManagedRulesBotControlRuleSet', 4),
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: 'AWSManagedRulesBotControlRuleSet',
            managedRuleGroupConfigs: [{ awsManagedRulesBotControlRuleSet: { inspectionLevel: 'COMMON' } }],
          },
        },
      });
    }
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      description: 'Complaint handling: pages and public API behind CloudFront',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rules,
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'ComplaintsEdge',
        sampledRequestsEnabled: true,
      },
    });
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}

import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeWebAcl, type EdgeWebAclProps } from './constructs/edge-web-acl.ts';

/**
 * What CloudFront needs from us-east-1: the CLOUDFRONT-scope web ACL. The application stack takes its
 * ARN through a cross-region reference (CDK keeps it in an SSM parameter of us-east-1 and reads it at
 * deploy time), so `cdk deploy --all` deploys this stack first.
 */
export class ComplaintsEdgeStack extends Stack {
  readonly webAcl: EdgeWebAcl;

  constructor(scope: Construct, id: string, props: StackProps & EdgeWebAclProps) {
    super(scope, id, props);
    if (this.region !== 'us-east-1') {
      throw new Error(`A CloudFront web ACL lives in us-east-1; ${id} is in ${this.region}`);
    }
    this.webAcl = new EdgeWebAcl(this, 'Edge', props);
  }
}

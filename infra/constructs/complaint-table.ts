import { type CfnElement, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct, type IConstruct } from 'constructs';
import { TABLE_SCHEMA } from '../../functions/adapters/table.ts';

export interface ComplaintTableProps {
  /** Keep the table (and refuse to delete it) when the stack or the resource goes away. */
  retain: boolean;
}

/**
 * The single table of TABLE_SCHEMA: on demand, point-in-time recovery, encrypted, with a stream of
 * new and old images that starts each complaint's lifecycle.
 */
export class ComplaintTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: ComplaintTableProps) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_SCHEMA.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_SCHEMA.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: TABLE_SCHEMA.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of TABLE_SCHEMA.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.projectedAttributes],
      });
    }
  }

  /**
   * Acknowledges, on a role with a data grant on this table, the `<table ARN>/index/*` resource that the
   * Table grant methods add once the table has an index.
   */
  acknowledgeIndexGrants(role: IConstruct): void {
    const logicalId = Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnElement);
    const indexes = TABLE_SCHEMA.globalSecondaryIndexes.map(
      (index) => `${index.indexName} (projecting ${index.projectedAttributes.join(', ')})`,
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
      reason:
        'CDK table grants cover the table’s indexes as <table ARN>/index/*. Its only indexes are those of ' +
        `TABLE_SCHEMA: ${indexes.join('; ')}. An index holds a projection of items the same grant already ` +
        'covers, and is read-only, so the wildcard gives no access beyond the table grant itself.',
    });
  }
}

import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAIL_EVENT_RECORDER } from '../../functions/workflow/mail-event-recorder.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/function-timeouts.ts';

/** The SES events the application acts on; opens and clicks are not tracked (privacy). */
export const RECORDED_MAIL_EVENTS = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
];

export interface MailProps {
  /** The From address of every email. */
  senderEmail: string;
  /**
   * The domain to verify instead of the single address (Easy DKIM, custom MAIL FROM); the sender
   * address must be in it.
   */
  senderDomain?: string;
  /** @default `mail.<senderDomain>` */
  mailFromDomain?: string;
  removalPolicy: RemovalPolicy;
}

/**
 * Mail that arrives and whose fate is known: the sender identity (a domain with Easy DKIM and a custom
 * MAIL FROM when given, else the single address), a configuration set with reputation metrics that is
 * the identity's default, and its bounce/complaint/delivery/reject events on the default EventBridge
 * bus, where a rule hands them to RecordMailEvent.
 */
export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly eventRule: Rule;
  /** Mail events the rule could not deliver to the function. */
  readonly deadLetterQueue: Queue;
  private readonly removalPolicy: RemovalPolicy;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.removalPolicy = props.removalPolicy;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      // Addresses that bounced or complained are not mailed again (the account's suppression list).
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    new ConfigurationSetEventDestination(this, 'ToEventBridge', {
      configurationSet: this.configurationSet,
      // SES can publish only to the default bus.
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: RECORDED_MAIL_EVENTS,
    });

    const { senderDomain } = props;
    if (senderDomain !== undefined) {
      if (!props.senderEmail.toLowerCase().endsWith(`@${senderDomain.toLowerCase()}`)) {
        throw new Error(`The sender ${props.senderEmail} is not an address of senderDomain ${senderDomain}`);
      }
      this.identity = new EmailIdentity(this, 'DomainIdentity', {
        identity: Identity.domain(senderDomain),
        // Easy DKIM: SES generates the keys; the three CNAME records are shown in the SES console.
        dkimSigning: true,
        mailFromDomain: props.mailFromDomain ?? `mail.${senderDomain}`,
        configurationSet: this.configurationSet,
      });
    } else {
      // At the stack's top level, where it was before the mail construct: an existing deployment keeps
      // its verified identity instead of replacing it (same logical id).
      this.identity = new EmailIdentity(Stack.of(this), 'SenderIdentity', {
        identity: Identity.email(props.senderEmail),
        configurationSet: this.configurationSet,
      });
    }

    this.deadLetterQueue = deadLetterQueue(this, 'UndeliveredMailEvents', {
      of: 'the mail-event rule’s target',
      removalPolicy: props.removalPolicy,
    });

    this.eventRule = new Rule(this, 'MailEvents', {
      description: 'SES bounce, complaint, delivery and reject events of the complaint mail',
      eventPattern: {
        source: [...MAIL_EVENT_RECORDER.eventPattern.source],
        detailType: [...MAIL_EVENT_RECORDER.eventPattern['detail-type']],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
    });
  }

  /** Builds RecordMailEvent and makes it the rule's target. */
  addRecorder(resources: AccessResources): NodeFunction {
    const { access } = MAIL_EVENT_RECORDER;
    const recorder = new NodeFunction(this, MAIL_EVENT_RECORDER.name, {
      entry: MAIL_EVENT_RECORDER.entry,
      description: 'Records SES bounce/complaint/delivery/reject events on the complaint',
      tableName: resources.table.tableName,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.event),
      removalPolicy: this.removalPolicy,
      ...accessProps(access, resources),
    });
    grantAccess(recorder, access, resources);
    this.eventRule.addTarget(
      new LambdaFunction(recorder.function, {
        retryAttempts: 8,
        maxEventAge: Duration.hours(24),
        deadLetterQueue: this.deadLetterQueue,
      }),
    );
    return recorder;
  }
}

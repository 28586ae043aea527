import type { ComplaintEventType } from './audit-event.ts';
import type {
  Category,
  ChangeKind,
  Channel,
  ComplaintStatus,
  ContactChannel,
  CustomerTier,
  LifecycleStage,
  Locale,
  Priority,
  RejectionReason,
  Remedy,
  RootCause,
  CorrectiveActionStatus,
  ResolutionOutcome,
  Severity,
  SlaStage,
  TemplatePurpose,
  TemplateStatus,
  ThirdPartyKind,
  Urgency,
} from './vocabulary.ts';
import type { AnonymisationReason, AssistStatus } from './complaint.ts';
import type { IncidentActionType, IncidentStatus } from './incident.ts';
import type { AttachmentStatus } from './evidence.ts';
import type { StaffRole } from './staff.ts';
import type { AccessKind } from './access-log.ts';
import type {
  DataRequestChannel,
  DataRequestEventType,
  DataRequestKind,
  DataRequestStatus,
  ErasureBlock,
} from './data-subject-request.ts';

/**
 * The words staff and customers read for every code the system stores: one source for the console,
 * the public pages, the CSV export and every mail, so no reader ever sees `product-quality` or
 * `solution-proposed`. Records are keyed by the vocabulary's own types, so a new code without a
 * label is a compile error. Plain data (no zod): the web pages import it.
 *
 * Statuses here are the staff's words; the tracking page addresses the customer ("waiting for your
 * reply") with its own dictionary.
 */
export interface VocabularyLabels {
  status: Record<ComplaintStatus, string>;
  category: Record<Category, string>;
  severity: Record<Severity, string>;
  urgency: Record<Urgency, string>;
  priority: Record<Priority, string>;
  channel: Record<Channel, string>;
  contactChannel: Record<ContactChannel, string>;
  tier: Record<CustomerTier, string>;
  /** Who passed on a third-party complaint (Complaint.source.kind). */
  thirdPartyKind: Record<ThirdPartyKind, string>;
  remedy: Record<Remedy, string>;
  rootCause: Record<RootCause, string>;
  correctiveActionStatus: Record<CorrectiveActionStatus, string>;
  rejectionReason: Record<RejectionReason, string>;
  outcome: Record<ResolutionOutcome, string>;
  slaStage: Record<SlaStage, string>;
  lifecycleStage: Record<LifecycleStage, string>;
  role: Record<StaffRole, string>;
  /** What a pending change asks for (Complaint.pendingChange.kind). */
  changeKind: Record<ChangeKind, string>;
  /** Where a request for help to another department stands (domain/assists.ts). */
  assistStatus: Record<AssistStatus, string>;
  /** Whether an assist blocks resolution (the request form's choice). */
  assistRequired: Record<'true' | 'false', string>;
  event: Record<ComplaintEventType, string>;
  /** Mail kinds as tagged on sending (outbox kinds and the acknowledgement). */
  mailKind: Record<string, string>;
  incidentStatus: Record<IncidentStatus, string>;
  incidentAction: Record<IncidentActionType, string>;
  locale: Record<Locale, string>;
  /** An evidence file's status (domain/evidence.ts). */
  attachmentStatus: Record<AttachmentStatus, string>;
  /** Which form a reply template is for (domain/reply-templates.ts). */
  templatePurpose: Record<TemplatePurpose, string>;
  templateStatus: Record<TemplateStatus, string>;
  /** Why a complaint's personal data was removed (Complaint.anonymised.reason). */
  anonymisationReason: Record<AnonymisationReason, string>;
  /** Data-subject requests (domain/data-subject-request.ts). */
  dataRequestKind: Record<DataRequestKind, string>;
  dataRequestStatus: Record<DataRequestStatus, string>;
  dataRequestChannel: Record<DataRequestChannel, string>;
  dataRequestEvent: Record<DataRequestEventType, string>;
  erasureBlock: Record<ErasureBlock, string>;
  /** What a staff member's recorded read was (the read audit, domain/access-log.ts). */
  accessKind: Record<AccessKind, string>;
}

const zhCN: VocabularyLabels = {
  status: {
    received: '已收到',
    accepted: '已受理',
    rejected: '不予受理',
    assigned: '已分派',
    investigating: '调查处理中',
    'awaiting-customer': '等待客户回复',
    'solution-proposed': '已提出解决方案',
    resolved: '已解决',
    closed: '已结案',
  },
  category: {
    'product-quality': '产品质量',
    'service-attitude': '服务态度',
    logistics: '物流（延误、损坏、丢失）',
    'price-dispute': '价格争议',
    'contract-dispute': '合同纠纷',
    'response-speed': '响应速度',
    other: '其他',
  },
  severity: {
    L1: 'L1 重大（质量/安全）',
    L2: 'L2 较大影响',
    L3: 'L3 一般影响',
    L4: 'L4 轻微',
  },
  urgency: { urgent: '紧急', important: '重要', general: '一般' },
  priority: { P1: 'P1 最高', P2: 'P2 高', P3: 'P3 中', P4: 'P4 低' },
  channel: {
    web: '网站表单',
    api: '开放接口',
    hotline: '热线电话',
    email: '电子邮件',
    'on-site': '现场接待',
    'social-media': '社交媒体',
    'third-party': '第三方转办',
    letter: '信函',
  },
  contactChannel: { phone: '电话', email: '电子邮件', sms: '短信', 'on-site': '现场', other: '其他' },
  tier: { ordinary: '普通客户', important: '重要客户' },
  thirdPartyKind: { platform: '平台', organisation: '机构' },
  remedy: { repair: '维修', replace: '更换', refund: '退款', compensation: '补偿', apology: '致歉' },
  rootCause: {
    design: '设计缺陷',
    manufacturing: '生产制造',
    supplier: '供应商',
    logistics: '物流配送',
    'staff-conduct': '员工行为',
    process: '流程制度',
    'customer-misuse': '客户使用不当',
    other: '其他',
  },
  correctiveActionStatus: { open: '待处理', 'in-progress': '进行中', done: '已完成' },
  rejectionReason: {
    invalid: '投诉内容不成立',
    malicious: '恶意或虚假投诉',
    'not-our-responsibility': '不属于本公司责任范围',
  },
  outcome: { resolved: '已解决', 'partly-resolved': '部分解决' },
  slaStage: { firstResponse: '首次响应', resolution: '处理完结' },
  lifecycleStage: {
    triage: '分类分级',
    emergency: '应急通知',
    acknowledgement: '受理确认',
    firstResponse: '首次响应',
    resolution: '处理完结',
    followUp: '回访',
  },
  role: { agent: '客服专员', supervisor: '主管', manager: '经理', admin: '管理员' },
  changeKind: { regrade: '调低分级', reject: '不予受理' },
  assistStatus: { open: '协办中', answered: '已答复', cancelled: '已取消' },
  assistRequired: { true: '必须答复后才能办结', false: '仅供参考，不阻止办结' },
  event: {
    'complaint.received': '收到投诉',
    'complaint.recorded-late': '登记超时',
    'complaint.triaged': '自动分类分级',
    'complaint.repeat-detected': '发现重复投诉',
    'complaint.acknowledged': '已确认受理',
    'emergency.alerted': '已启动应急通知',
    'sla.escalated': '超时升级',
    'sla.reminded': '超时提醒',
    'sla.paused': '计时暂停（等待客户）',
    'sla.resumed': '计时恢复',
    'customer.contacted': '已联系客户',
    'complaint.resolved': '已解决',
    'notification.sent': '已发送通知',
    'complaint.assigned': '已分派',
    'complaint.accepted': '已受理',
    'complaint.rejected': '不予受理',
    'complaint.reclassified': '重新分类分级',
    'note.added': '内部备注',
    'info.requested': '请客户补充信息',
    'customer.replied': '客户回复',
    'resolution.proposed': '提出解决方案',
    'proposal.approved': '方案已批准',
    'proposal.declined': '方案被驳回',
    'complaint.reopened': '重新处理',
    'complaint.closed': '已结案',
    'resolution.notified': '已发送处理结果',
    'survey.sent': '已发送满意度调查',
    'survey.reminded': '已发送调查提醒',
    'survey.answered': '客户完成满意度调查',
    'survey.expired': '满意度调查已过期',
    'followup.opted-out': '客户退订调查邮件',
    'notification.failed': '邮件发送失败',
    'tracking-token.revoked': '查询链接已作废',
    'contact.problem': '客户邮箱无法送达',
    'lifecycle.failed': '流程出错停止',
    'change.requested': '申请变更（待主管审批）',
    'change.approved': '变更申请已批准',
    'change.declined': '变更申请被驳回',
    'lifecycle.redriven': '流程已自动重启',
    'assist.requested': '请求协办',
    'assist.answered': '协办已答复',
    'assist.cancelled': '协办已取消',
    'assist.overdue': '协办超时',
    'assist.overridden': '主管越过未完成协办结案',
    'corrective-action.updated': '纠正措施已更新',
    'legal-hold.set': '已设置法律保留',
    'legal-hold.cleared': '已解除法律保留',
    'complaint.anonymised': '个人信息已匿名化',
    'reputation.alerted': '声誉风险已通知高级管理层',
    'sla.warned': '时限预警',
    'incident.linked': '已关联到事件',
    'incident.unlinked': '已取消关联事件',
    'attachment.added': '已添加证据文件',
    'attachment.quarantined': '证据文件已隔离（内容与类型不符）',
    'complaint.linked': '关联原投诉（客户就已结案投诉来信）',
  },
  mailKind: {
    acknowledgement: '受理确认',
    'info-request': '补充信息请求',
    'rejection-notice': '不予受理通知',
    'result-notice': '处理结果通知',
    survey: '满意度调查',
    'survey-reminder': '调查提醒',
    escalation: '升级通知',
    reminder: '超时提醒',
    emergency: '应急通知',
    reopened: '重新处理通知',
    assigned: '分派通知',
    'assignee-escalated': '处理人升级通知',
    'reopened-notice': '重新处理告知（客户）',
    'tracking-link': '查询链接（客户申请）',
    'assist-requested': '协办请求通知',
    'assist-overdue': '协办超时通知',
    reputation: '声誉风险通知',
    'assignee-warning': '时限预警（处理人）',
    'late-reply': '客户就已办结投诉来信',
    'incident-notice': '事件通知（客户）',
    'surge-alert': '投诉激增警报',
  },
  incidentStatus: { suggested: '待确认（激增）', open: '处理中', resolved: '已解决', closed: '已关闭' },
  incidentAction: {
    link: '关联投诉',
    unlink: '取消关联',
    'notify-customers': '通知全部客户',
    resolve: '解决事件',
    close: '关闭事件',
  },
  locale: { 'zh-CN': '中文', en: '英文' },
  attachmentStatus: { pending: '上传中', available: '可用', quarantined: '已隔离', infected: '检出恶意软件' },
  templatePurpose: {
    'request-info': '请客户补充信息',
    contact: '联系客户',
    proposal: '处理方案',
    resolution: '处理结果',
  },
  templateStatus: { active: '启用', retired: '已停用' },
  anonymisationReason: { retention: '保存期限届满', 'erasure-request': '客户要求删除' },
  dataRequestKind: { export: '个人信息副本', erasure: '删除个人信息' },
  dataRequestStatus: { received: '待处理', fulfilled: '已完成', blocked: '部分保留', refused: '已拒绝' },
  dataRequestChannel: { 'tracking-page': '查询页面', 'email-link': '邮件验证链接' },
  dataRequestEvent: {
    'data-request.received': '申请已确认',
    'data-request.exported': '副本已生成',
    'data-request.erased': '个人信息已删除',
    'data-request.blocked': '部分信息保留',
    'data-request.refused': '申请被拒绝',
    'data-request.downloaded': '副本已下载',
  },
  erasureBlock: { 'legal-hold': '法律保全', 'open-complaint': '投诉尚未办结' },
  accessKind: { 'case-read': '查看投诉', 'attachment-download': '下载附件', export: '导出' },
};

const en: VocabularyLabels = {
  status: {
    received: 'Received',
    accepted: 'Accepted',
    rejected: 'Rejected',
    assigned: 'Assigned',
    investigating: 'Investigating',
    'awaiting-customer': 'Waiting for the customer',
    'solution-proposed': 'Solution proposed',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  category: {
    'product-quality': 'Product quality',
    'service-attitude': 'Service attitude',
    logistics: 'Delivery (delay, damage, loss)',
    'price-dispute': 'Price dispute',
    'contract-dispute': 'Contract dispute',
    'response-speed': 'Response speed',
    other: 'Other',
  },
  severity: {
    L1: 'L1 major (quality/safety)',
    L2: 'L2 large impact',
    L3: 'L3 small impact',
    L4: 'L4 minor',
  },
  urgency: { urgent: 'Urgent', important: 'Important', general: 'General' },
  priority: { P1: 'P1 highest', P2: 'P2 high', P3: 'P3 medium', P4: 'P4 low' },
  channel: {
    web: 'Web form',
    api: 'API',
    hotline: 'Hotline',
    email: 'Email',
    'on-site': 'On-site desk',
    'social-media': 'Social media',
    'third-party': 'Third party',
    letter: 'Letter',
  },
  contactChannel: { phone: 'Phone', email: 'Email', sms: 'SMS', 'on-site': 'In person', other: 'Other' },
  tier: { ordinary: 'Ordinary', important: 'Important' },
  thirdPartyKind: { platform: 'Platform', organisation: 'Organisation' },
  remedy: {
    repair: 'Repair',
    replace: 'Replacement',
    refund: 'Refund',
    compensation: 'Compensation',
    apology: 'Apology',
  },
  rootCause: {
    design: 'Design',
    manufacturing: 'Manufacturing',
    supplier: 'Supplier',
    logistics: 'Logistics',
    'staff-conduct': 'Staff conduct',
    process: 'Process',
    'customer-misuse': 'Customer misuse',
    other: 'Other',
  },
  correctiveActionStatus: { open: 'Open', 'in-progress': 'In progress', done: 'Done' },
  rejectionReason: {
    invalid: 'Complaint not substantiated',
    malicious: 'Malicious or false complaint',
    'not-our-responsibility': 'Not our responsibility',
  },
  outcome: { resolved: 'Resolved', 'partly-resolved': 'Partly resolved' },
  slaStage: { firstResponse: 'First response', resolution: 'Resolution' },
  lifecycleStage: {
    triage: 'Triage',
    emergency: 'Emergency alert',
    acknowledgement: 'Acknowledgement',
    firstResponse: 'First response',
    resolution: 'Resolution',
    followUp: 'Follow-up',
  },
  role: { agent: 'Agent', supervisor: 'Supervisor', manager: 'Manager', admin: 'Administrator' },
  changeKind: { regrade: 'Lower the grade', reject: 'Reject' },
  assistStatus: { open: 'Assisting', answered: 'Answered', cancelled: 'Cancelled' },
  assistRequired: { true: 'Required before resolution', false: 'For information, does not block' },
  event: {
    'complaint.received': 'Complaint received',
    'complaint.recorded-late': 'Recorded late',
    'complaint.triaged': 'Graded automatically',
    'complaint.repeat-detected': 'Repeat complaint detected',
    'complaint.acknowledged': 'Receipt confirmed',
    'emergency.alerted': 'Emergency alert sent',
    'sla.escalated': 'Escalated (deadline missed)',
    'sla.reminded': 'Overdue reminder',
    'sla.paused': 'Clock paused (waiting for the customer)',
    'sla.resumed': 'Clock resumed',
    'customer.contacted': 'Customer contacted',
    'complaint.resolved': 'Resolved',
    'notification.sent': 'Notification sent',
    'complaint.assigned': 'Assigned',
    'complaint.accepted': 'Accepted',
    'complaint.rejected': 'Rejected',
    'complaint.reclassified': 'Regraded',
    'note.added': 'Internal note',
    'info.requested': 'Information requested',
    'customer.replied': 'Customer replied',
    'resolution.proposed': 'Resolution proposed',
    'proposal.approved': 'Proposal approved',
    'proposal.declined': 'Proposal declined',
    'complaint.reopened': 'Reopened',
    'complaint.closed': 'Closed',
    'resolution.notified': 'Result notice sent',
    'survey.sent': 'Satisfaction survey sent',
    'survey.reminded': 'Survey reminder sent',
    'survey.answered': 'Survey answered',
    'survey.expired': 'Survey expired',
    'followup.opted-out': 'Customer opted out of surveys',
    'notification.failed': 'Mail could not be sent',
    'tracking-token.revoked': 'Tracking link revoked',
    'contact.problem': 'Customer email undeliverable',
    'lifecycle.failed': 'Workflow stopped on an error',
    'change.requested': 'Change requested (awaiting a supervisor)',
    'change.approved': 'Change request approved',
    'change.declined': 'Change request declined',
    'lifecycle.redriven': 'Workflow restarted automatically',
    'assist.requested': 'Assist requested',
    'assist.answered': 'Assist answered',
    'assist.cancelled': 'Assist cancelled',
    'assist.overdue': 'Assist overdue',
    'assist.overridden': 'Resolved over open assists (supervisor)',
    'corrective-action.updated': 'Corrective action updated',
    'legal-hold.set': 'Legal hold set',
    'legal-hold.cleared': 'Legal hold cleared',
    'complaint.anonymised': 'Personal data anonymised',
    'reputation.alerted': 'Reputation risk: senior management alerted',
    'sla.warned': 'Deadline warning',
    'incident.linked': 'Linked to an incident',
    'incident.unlinked': 'Unlinked from an incident',
    'attachment.added': 'Evidence file added',
    'attachment.quarantined': 'Evidence file quarantined (content does not match its type)',
    'complaint.linked': 'Linked to an earlier complaint (customer wrote after it ended)',
  },
  mailKind: {
    acknowledgement: 'Acknowledgement',
    'info-request': 'Information request',
    'rejection-notice': 'Rejection notice',
    'result-notice': 'Result notice',
    survey: 'Satisfaction survey',
    'survey-reminder': 'Survey reminder',
    escalation: 'Escalation',
    reminder: 'Overdue reminder',
    emergency: 'Emergency alert',
    reopened: 'Reopened alert',
    assigned: 'Assignment notice',
    'assignee-escalated': 'Escalation notice to the assignee',
    'reopened-notice': 'Reopened notice (customer)',
    'tracking-link': 'Tracking link (on request)',
    'assist-requested': 'Assist request',
    'assist-overdue': 'Assist overdue',
    reputation: 'Reputation risk',
    'assignee-warning': 'Deadline warning (assignee)',
    'late-reply': 'Customer wrote about a finished complaint',
    'incident-notice': 'Incident notice (customer)',
    'surge-alert': 'Complaint surge alert',
  },
  incidentStatus: {
    suggested: 'Suggested (surge)',
    open: 'Open',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  incidentAction: {
    link: 'Link complaints',
    unlink: 'Unlink',
    'notify-customers': 'Notify all customers',
    resolve: 'Resolve incident',
    close: 'Close incident',
  },
  locale: { 'zh-CN': 'Chinese', en: 'English' },
  attachmentStatus: {
    pending: 'Uploading',
    available: 'Available',
    quarantined: 'Quarantined',
    infected: 'Malware found',
  },
  templatePurpose: {
    'request-info': 'Request for information',
    contact: 'Contact the customer',
    proposal: 'Proposed solution',
    resolution: 'Resolution',
  },
  templateStatus: { active: 'Active', retired: 'Retired' },
  anonymisationReason: {
    retention: 'Retention period ended',
    'erasure-request': 'Erasure requested by the customer',
  },
  dataRequestKind: { export: 'Copy of personal data', erasure: 'Erasure of personal data' },
  dataRequestStatus: { received: 'To do', fulfilled: 'Done', blocked: 'Partly kept', refused: 'Refused' },
  dataRequestChannel: { 'tracking-page': 'Tracking page', 'email-link': 'Verified email link' },
  dataRequestEvent: {
    'data-request.received': 'Request confirmed',
    'data-request.exported': 'Copy produced',
    'data-request.erased': 'Personal data erased',
    'data-request.blocked': 'Some data kept',
    'data-request.refused': 'Request refused',
    'data-request.downloaded': 'Copy downloaded',
  },
  erasureBlock: { 'legal-hold': 'Legal hold', 'open-complaint': 'Complaint still open' },
  accessKind: { 'case-read': 'Case read', 'attachment-download': 'Attachment download', export: 'Export' },
};

const LABELS: Record<Locale, VocabularyLabels> = { 'zh-CN': zhCN, en };

/** Every label in one language. */
export const labelsFor = (locale: Locale): VocabularyLabels => LABELS[locale];

/**
 * The label of one code, or the code itself when it has none (a value stored before the vocabulary
 * changed must still show, rather than an empty cell).
 */
export const labelOf = <K extends keyof VocabularyLabels>(
  locale: Locale,
  kind: K,
  code: string | null | undefined,
): string => {
  if (code === null || code === undefined || code === '') return '—';
  const labels = LABELS[locale][kind] as Record<string, string>;
  return Object.hasOwn(labels, code) ? labels[code]! : code;
};

import type { PrivacyMessages } from './privacy-messages-en.ts';

/** 个人信息页面及查询页面中个人信息申请的文字（中文）。 */
export const privacyZhCN: PrivacyMessages = {
  title: '您的个人信息',
  intro:
    '您可以申请获取我们就您的投诉所保存的个人信息副本，或申请删除这些信息。申请涵盖以您的邮箱提交的全部投诉，因此我们会先向该邮箱发送确认链接：您在邮件中确认后，申请才会生效。',
  askTitle: '个人信息申请',
  email: '提交投诉时使用的邮箱',
  badEmail: '请输入您使用的邮箱，例如 name@example.com',
  kind: '您希望：',
  export: '获取我的个人信息副本',
  erasure: '删除我的个人信息',
  exportHint: '一个 JSON 文件，包含您提交的全部投诉、我们的留言与您的答复，以及您上传的文件。',
  erasureTitle: '删除意味着什么',
  erasureText:
    '对于已办结或已驳回的每一件投诉，我们将删除您的姓名、邮箱、电话、您填写的内容、您的文件以及我们发给您的邮件副本。不含身份信息的统计数据（日期、类别、评分）会保留。查询链接将失效。删除后无法恢复。',
  erasureRefused:
    '尚未办结的投诉（办结后可再次申请）或因法律程序须保留的投诉（法律保全）将暂不删除。结果邮件会列明每一件保留的投诉及原因。',
  submit: '发送确认链接',
  sent: '如该邮箱提交过投诉，我们已向其发送确认链接，请在 24 小时内打开。',
  confirmTitle: '确认您的申请',
  confirmText: '请确认您希望我们针对以该邮箱提交的全部投诉办理此申请。',
  confirm: '确认申请',
  confirmed: (due: string) => `我们已收到您的申请，将于 ${due} 前通过邮件答复。`,
  confirmedKind: (kind: string) => `申请事项：${kind}`,
  linkInvalid: '此链接无效。请重新打开邮件中的链接，或在下方重新申请。',
  linkExpired: '此链接已过期，请重新申请。',
  askAgain: '重新申请',
  downloadTitle: '下载您的个人信息',
  downloadText: '下载链接在您点击时生成，15 分钟内有效。',
  getLinks: '获取下载链接',
  document: '您的个人信息（JSON）',
  files: '您的文件',
  linksUntil: (until: string) => `以上链接在 ${until} 前有效。`,
  trackTitle: '您的个人信息',
  trackIntro: '您可以申请获取个人信息副本或删除个人信息。我们会向此投诉的邮箱发送确认链接。',
  trackSent: '我们已向此投诉的邮箱发送确认链接，请打开邮件进行确认。',
  trackNoEmail: '此投诉未留邮箱，如需申请请与我们联系。',
};

import type { DataRequestsMessages } from './data-request-messages-en.ts';

/** 控制台「个人信息申请」页面（中文）。 */
export const dataRequestsZhCN: DataRequestsMessages = {
  nav: '个人信息申请',
  title: '个人信息申请',
  intro:
    '客户已通过邮箱确认的个人信息副本与删除申请。申请确认后立即办理；因投诉未办结或法律保全而部分保留的申请留在此处，待可办理时再次办理，或予以拒绝。请在期限前答复。',
  openOnly: '仅显示未完成',
  empty: '暂无个人信息申请。',
  received: '确认时间',
  kind: '申请事项',
  email: '邮箱',
  due: '答复期限',
  overdue: '已逾期',
  status: '状态',
  outcome: '结果',
  actions: '操作',
  exported: (complaints: number, files: number) => `${complaints} 件投诉，${files} 个文件`,
  erased: (references: string) => `已删除：${references}`,
  kept: '保留',
  refusedBecause: (reason: string) => `已拒绝：${reason}`,
  fulfil: '办理',
  refuse: '拒绝…',
  refuseReason: '告知客户的拒绝理由',
  refuseSend: '拒绝申请',
  cancel: '取消',
  reasonRequired: '请填写将告知客户的理由。',
  done: '已完成。',
};

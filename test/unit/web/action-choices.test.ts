import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { choiceOptions } from '../../../web/src/console/action-choices.ts';
import { ACTION_FORMS, actionBody } from '../../../web/src/console/action-forms.ts';
import { consoleZhCN } from '../../../web/src/console/messages-zh-CN.ts';
import { labelOf, type VocabularyLabels } from '../../../functions/domain/labels.ts';
import { staffActionSchema } from '../../../functions/domain/staff-actions.ts';

const directory = {
  departments: [
    { id: 'quality', name: { 'zh-CN': '质量与产品安全部', en: 'Quality & Product Safety' } },
    { id: 'legal', name: { 'zh-CN': '法务部', en: 'Legal' } },
    { id: 'sales', name: { 'zh-CN': '销售部', en: 'Sales' } },
  ],
  staff: [
    {
      id: 'quality-agent-1',
      name: '王磊',
      email: 'wang.lei@example.com',
      department: 'quality',
      roles: ['agent' as const],
    },
    {
      id: 'legal-agent-1',
      name: '周敏',
      email: 'zhou.min@example.com',
      department: 'legal',
      roles: ['agent' as const],
    },
  ],
};
// As the console's DirectoryNames (directory.ts, which loads preact) name them.
const names = {
  directory,
  person: (id: string) => id,
  department: (id: string) =>
    directory.departments.find((department) => department.id === id)?.name['zh-CN'] ?? id,
};

const assist = (id: string, department: string, status: 'open' | 'answered') => ({
  id,
  department,
  question: `问题 ${id}`,
  required: true,
  status,
  requestedBy: 'agent-1',
  requestedAt: '2026-11-23T03:00:00.000Z',
  dueAt: '2026-11-25T03:00:00.000Z',
  overdue: false,
});

const detail = {
  department: 'quality',
  assignee: undefined,
  assists: [assist('A1', 'legal', 'answered'), assist('A2', 'sales', 'open')],
} as unknown as CaseDetail;

const context = {
  detail,
  names,
  self: 'agent-1',
  cl: { t: consoleZhCN, label: (kind: keyof VocabularyLabels, code: string) => labelOf('zh-CN', kind, code) },
};
const fieldOf = (type: string, name: string) =>
  ACTION_FORMS[type]!.fields.find((field) => field.name === name)!;

describe('console action choices', () => {
  it('offers the other departments by name for an assist request, never the lead department itself', () => {
    const options = choiceOptions(fieldOf('request-assist', 'department'), context);
    expect(options).toEqual([
      ['legal', '法务部'],
      ['sales', '销售部'],
    ]);
    const body = actionBody('request-assist', 4, {
      department: options![0]![0],
      question: '是否有法律风险？',
    });
    expect(staffActionSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ department: 'legal', required: true });
  });

  it('offers only the open assists to answer or cancel, by department and question', () => {
    for (const type of ['answer-assist', 'cancel-assist'])
      expect(choiceOptions(fieldOf(type, 'assistId'), context)).toEqual([['A2', '销售部：问题 A2']]);
  });

  it('offers a corrective action owner from the case’s department only, none first', () => {
    expect(choiceOptions(fieldOf('resolve', 'correctiveAction.owner'), context)).toEqual([
      ['', '—'],
      ['quality-agent-1', '王磊'],
    ]);
  });
});

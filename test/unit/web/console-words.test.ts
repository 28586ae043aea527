import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import {
  ACTION_FORMS,
  actionBody,
  initialValues,
  isRequired,
} from '../../../web/src/console/action-forms.ts';
import { consoleEn } from '../../../web/src/console/messages-en.ts';
import { consoleZhCN } from '../../../web/src/console/messages-zh-CN.ts';
import { fieldErrorText, problemText } from '../../../web/src/console/problem-text.ts';

const zh = { locale: 'zh-CN' as const, t: consoleZhCN };
const en = { locale: 'en' as const, t: consoleEn };

describe('the console in the reader’s language', () => {
  it('names every action of the staff API in both languages', () => {
    for (const type of Object.keys(ACTION_FORMS)) {
      expect(consoleZhCN.composer.actions[type], type).toBeDefined();
      expect(consoleEn.composer.actions[type], type).toBeDefined();
      for (const field of ACTION_FORMS[type]!.fields) {
        expect(consoleZhCN.composer.fields[field.name], field.name).toBeDefined();
        expect(consoleEn.composer.fields[field.name], field.name).toBeDefined();
      }
    }
  });

  it('explains refusals by status, listing the allowed actions in words', () => {
    const refused = {
      type: '/problems/illegal-transition',
      title: 'x',
      status: 422,
      allowed: ['accept', 'reject'],
    };
    expect(problemText(refused, zh)).toBe('当前状态下不能执行此操作。当前可执行：受理、不予受理。');
    expect(problemText({ type: '/problems/stale-version', title: 'x', status: 409 }, en)).toMatch(
      /^Conflict/u,
    );
    expect(problemText({ type: 'about:blank', title: 'network', status: 0 }, zh)).toBe(
      consoleZhCN.problems.network,
    );
  });

  it('words the API’s field errors in Chinese for Chinese readers', () => {
    expect(fieldErrorText('must not be empty', zh)).toBe('此项为必填项');
    expect(fieldErrorText('Too small: expected string to have >=10 characters', zh)).toBe('至少 10 个字');
    expect(fieldErrorText('must not be empty', en)).toBe('must not be empty');
  });

  it('starts a regrade from the current grade, and requires next steps only when partly resolved', () => {
    const detail = {
      category: 'logistics',
      severity: 'L2',
      urgency: 'important',
      assignee: undefined,
    } as CaseDetail;
    expect(initialValues('reclassify', detail, 'me')).toEqual({
      category: 'logistics',
      severity: 'L2',
      urgency: 'important',
    });
    expect(initialValues('assign', detail, 'me')).toEqual({ assignee: 'me' });
    const nextSteps = ACTION_FORMS.resolve!.fields.find((field) => field.name === 'nextSteps')!;
    expect(isRequired(nextSteps, { outcome: 'resolved' })).toBe(false);
    expect(isRequired(nextSteps, { outcome: 'partly-resolved' })).toBe(true);
    // Left empty when required, the field is still sent, so the API names it next to the field.
    expect(actionBody('resolve', 2, { outcome: 'partly-resolved', summary: 's' })).toMatchObject({
      nextSteps: '',
      nextStepsBy: '',
    });
  });
});

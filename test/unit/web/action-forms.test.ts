import { describe, expect, it } from 'vitest';
import { staffActionSchema } from '../../../functions/domain/staff-actions.ts';
import { ACTION_FORMS, API_ONLY_FIELDS, actionBody } from '../../../web/src/console/action-forms.ts';

const schemaFields = Object.fromEntries(
  staffActionSchema.def.options.map((option) => {
    const { type, expectedVersion: _version, ...fields } = option.shape;
    return [type.def.values[0]!, Object.keys(fields).sort()];
  }),
);

describe('staff console action forms', () => {
  it('has a form for every action of the staff API, asking for exactly its fields', () => {
    expect(Object.keys(ACTION_FORMS).sort()).toEqual(Object.keys(schemaFields).sort());
    for (const [type, form] of Object.entries(ACTION_FORMS)) {
      // A nested object's fields ("correctiveAction.owner") ask for its one field of the action.
      const asked = [
        ...new Set([
          ...form.fields.map((field) => field.name.split('.')[0]!),
          ...(API_ONLY_FIELDS[type] ?? []),
        ]),
      ];
      expect(asked.sort(), type).toEqual(schemaFields[type]);
    }
  });

  it('builds bodies the API accepts: defaults for selects, numbers for amounts, empty optionals left out', () => {
    const resolve = actionBody('resolve', 7, { summary: '已更换', amount: '' });
    expect(resolve).toEqual({
      type: 'resolve',
      expectedVersion: 7,
      outcome: 'resolved',
      summary: '已更换',
      remedy: 'repair',
      rootCause: 'design',
    });
    expect(staffActionSchema.safeParse(resolve).success).toBe(true);
    const propose = actionBody('propose-resolution', 3, {
      summary: 'refund',
      remedy: 'refund',
      amount: '12.50',
    });
    expect(propose).toMatchObject({ amount: 12.5 });
    expect(staffActionSchema.safeParse(propose).success).toBe(true);
    expect(staffActionSchema.safeParse(actionBody('close', 2, {})).success).toBe(true);
  });

  it('sends a resolution’s corrective action as one nested object, and none when left empty', () => {
    const withAction = actionBody('resolve', 7, {
      summary: '已更换',
      rootCause: 'supplier',
      'correctiveAction.description': '复核供应商密封工艺',
      'correctiveAction.owner': 'quality-agent-1',
      'correctiveAction.dueDate': '2026-12-15',
    });
    expect(withAction.correctiveAction).toEqual({
      description: '复核供应商密封工艺',
      owner: 'quality-agent-1',
      dueDate: '2026-12-15',
    });
    expect(staffActionSchema.safeParse(withAction).success).toBe(true);
    expect(actionBody('resolve', 7, { summary: '已更换', 'correctiveAction.owner': '' })).not.toHaveProperty(
      'correctiveAction',
    );
  });
});

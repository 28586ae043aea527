import { useEffect, useState } from 'preact/hooks';
import { fillTemplate } from '../../../functions/domain/reply-template-fill.ts';
import type { ReplyTemplateView } from '../../../functions/domain/reply-templates.ts';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import type { Remedy, TemplatePurpose } from '../../../functions/domain/vocabulary.ts';
import { useConsoleLocale } from './console-locale.ts';
import { staffApi } from './staff-api.ts';

/** The actions whose text a reply template may fill: which templates, and which field they fill. */
export const TEMPLATE_TARGETS: Record<string, { purpose: TemplatePurpose; field: string }> = {
  'request-info': { purpose: 'request-info', field: 'message' },
  'contact-customer': { purpose: 'contact', field: 'summary' },
  'propose-resolution': { purpose: 'proposal', field: 'summary' },
  resolve: { purpose: 'resolution', field: 'summary' },
};

interface PickerProps {
  action: string;
  detail: CaseDetail;
  /** The remedy chosen in the form so far (proposal, resolution), for `{{remedy}}`. */
  remedy: string | undefined;
  onFill: (field: string, text: string) => void;
}

/**
 * "Template": the active templates for this action, the case's category (or any) and the customer's
 * language. Choosing one fills the action's text field, filled in here with the domain's own
 * fillTemplate (the case page has every value it needs); the agent edits it before sending.
 */
export const ReplyTemplatePicker = ({ action, detail, remedy, onFill }: PickerProps) => {
  const { t } = useConsoleLocale();
  const target = TEMPLATE_TARGETS[action];
  const [templates, setTemplates] = useState<ReplyTemplateView[] | 'failed'>([]);
  const [chosen, setChosen] = useState('');
  const locale = detail.customer.locale;
  useEffect(() => {
    setChosen('');
    if (!target) return;
    const query = new URLSearchParams({ purpose: target.purpose, locale });
    if (detail.category) query.set('category', detail.category);
    let current = true;
    void staffApi<{ templates: ReplyTemplateView[] }>(`/v1/staff/templates?${query}`).then((result) => {
      if (current) setTemplates(result.ok ? result.body.templates : 'failed');
    });
    return () => {
      current = false;
    };
  }, [action, detail.category, locale]);
  if (!target) return null;
  if (templates === 'failed') return <p class="hint">{t.replyTemplates.unavailable}</p>;
  if (templates.length === 0) return null;

  const choose = (id: string) => {
    setChosen(id);
    const template = templates.find((candidate) => candidate.id === id);
    if (!template) return;
    const subject = {
      reference: detail.reference,
      customer: detail.customer,
      dueAt: detail.sla.resolution?.dueAt,
      remedy: remedy as Remedy | undefined,
    };
    onFill(target.field, fillTemplate(template, subject, { timeZone: detail.timeZone }, template.locale));
  };

  return (
    <div class="field">
      <label for="action-template">{t.replyTemplates.label}</label>
      <select
        id="action-template"
        data-testid="reply-template"
        value={chosen}
        aria-describedby="action-template-hint"
        onChange={(event) => choose(event.currentTarget.value)}
      >
        <option value="">{t.replyTemplates.none}</option>
        {templates.map((template) => (
          <option key={template.id} value={template.id}>
            {template.title}
          </option>
        ))}
      </select>
      <p class="hint" id="action-template-hint">
        {t.replyTemplates.hint}
      </p>
    </div>
  );
};

import { useState } from 'preact/hooks';
import { useConsoleLocale } from './console-locale.ts';
import { deleteView, saveView, savedViews } from './saved-views.ts';

/** Named filter sets kept in this browser: one click back to "my L1 cases", "overdue in quality"… */
export const SavedViews = ({ query }: { query: string }) => {
  const { t } = useConsoleLocale();
  const [views, setViews] = useState(savedViews);
  const [name, setName] = useState('');
  return (
    <section class="saved-views" aria-labelledby="views-title">
      <h2 id="views-title">{t.queue.savedViews}</h2>
      <ul class="plain inline">
        {views.map((view) => (
          <li key={view.name}>
            <a href={`#/queue?${view.query}`} aria-current={view.query === query ? 'true' : undefined}>
              {view.name}
            </a>
            <button
              type="button"
              class="link"
              aria-label={t.queue.deleteView(view.name)}
              onClick={() => setViews(deleteView(view.name))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return;
          setViews(saveView({ name: name.trim(), query }));
          setName('');
        }}
      >
        <label for="view-name">{t.queue.viewName}</label>
        <input
          id="view-name"
          type="text"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <button type="submit" class="secondary">
          {t.queue.saveView}
        </button>
      </form>
    </section>
  );
};

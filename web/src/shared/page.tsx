import { createContext, render, type ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { initialLocale, messagesFor, rememberLocale, type Locale } from './i18n.ts';
import type { Messages } from './messages-en.ts';
import './style.css';

interface LocaleState {
  locale: Locale;
  t: Messages;
  /** Switches the page's language (e.g. to the customer's, as the API tells it). */
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({
  locale: 'zh-CN',
  t: messagesFor('zh-CN'),
  setLocale: () => undefined,
});

/** The current language and its messages. */
export const useLocale = () => useContext(LocaleContext);

const Shell = ({ title, children }: { title: (t: Messages) => string; children: ComponentChildren }) => {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = messagesFor(locale);
  rememberLocale(locale);
  document.title = `${title(t)} · ${t.appName}`;
  return (
    <LocaleContext.Provider value={{ locale, t, setLocale }}>
      <a class="skip" href="#main">
        {t.skipToContent}
      </a>
      <header class="bar">
        <span class="brand">{t.appName}</span>
        <button
          type="button"
          class="link"
          lang={locale === 'en' ? 'zh-CN' : 'en'}
          onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
        >
          {t.switchTo}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </LocaleContext.Provider>
  );
};

/** Mounts a page into #app inside the shared shell (skip link, language switch). */
export const mountPage = (title: (t: Messages) => string, Page: () => ComponentChildren) => {
  render(
    <Shell title={title}>
      <Page />
    </Shell>,
    document.getElementById('app')!,
  );
};

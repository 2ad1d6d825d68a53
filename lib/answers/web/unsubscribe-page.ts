import { escapeHtml } from '../../platform/html.js';
import { layout } from '../../platform/http/page-layout.js';
import { CATALOGS } from '../../surveys/catalog.js';
import type { Locale } from '../../surveys/locales.js';

/**
 * The page a GET of the unsubscribe link shows: it changes nothing (link scanners fetch it too) and
 * its form posts the RFC 8058 body, the same request a mail client's one-click button sends.
 */
export const renderUnsubscribeConfirmPage = (input: {
  locale: Locale;
  address: string;
  action: string;
}): string => {
  const text = CATALOGS[input.locale].unsubscribe;
  return layout(
    text.title,
    `<h1>${escapeHtml(text.question(input.address))}</h1>
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${escapeHtml(text.button)}</button>
</form>`,
    CATALOGS[input.locale].htmlLang,
  );
};

export const renderUnsubscribedPage = (input: { locale: Locale; address: string }): string => {
  const text = CATALOGS[input.locale].unsubscribe;
  return layout(
    text.title,
    `<h1>${escapeHtml(text.title)}</h1><p role="status">${escapeHtml(text.done(input.address))}</p>`,
    CATALOGS[input.locale].htmlLang,
  );
};

import { escapeHtml } from '../html.js';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#14202e;background:#f4f6f9}
main{max-width:560px;margin:0 auto;padding:24px 16px}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 16px}
fieldset{border:0;margin:0 0 20px;padding:0}
legend{font-weight:600;margin-bottom:10px}
.scale{display:flex;flex-wrap:wrap;gap:6px}
.scale input{position:absolute;opacity:0;width:1px;height:1px}
.scale label{display:flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;border:2px solid #5b6b7f;border-radius:8px;background:#fff;font-weight:600;cursor:pointer}
.scale input:checked+label{background:#1f4fd1;border-color:#1f4fd1;color:#fff}
.scale input:focus-visible+label{outline:3px solid #f5a623;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#3d4b5c;margin-top:6px}
label.block{display:block;font-weight:600;margin-bottom:6px}
textarea{width:100%;min-height:110px;padding:10px;font:inherit;border:2px solid #5b6b7f;border-radius:8px}
textarea:focus-visible{outline:3px solid #f5a623}
button{margin-top:16px;min-height:48px;padding:0 28px;font:600 1rem system-ui,sans-serif;color:#fff;background:#1f4fd1;border:0;border-radius:8px;cursor:pointer}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.note{font-size:.9rem;color:#3d4b5c}
.error{color:#a4161a;font-weight:600}
blockquote{margin:12px 0;padding:8px 12px;border-left:4px solid #5b6b7f;background:#fff;white-space:pre-wrap}
`;

/** A whole page: no external assets, readable on a phone, one `main` landmark. */
export const layout = (title: string, body: string, lang = 'en'): string =>
  `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;

// An allow-list HTML sanitiser for rich text that the public reads (the 三务公开 portal's item
// bodies). No HTML parser is a dependency of the project, so this one tokenises the input itself
// and rebuilds the output from what it allows: text is always re-escaped, a tag is kept only if it
// is on the list with the attributes on its list, URLs only with http(s)/mailto or a same-site
// path, and whatever it cannot read as a tag comes out as text. Elements whose content is code or
// another document (script, style, iframe, object, svg …) are dropped with their content.

const ALLOWED: Record<string, readonly string[]> = {
  p: [],
  br: [],
  hr: [],
  strong: [],
  b: [],
  em: [],
  i: [],
  u: [],
  s: [],
  sub: [],
  sup: [],
  h2: [],
  h3: [],
  h4: [],
  ul: [],
  ol: [],
  li: [],
  blockquote: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ["colspan", "rowspan"],
  td: ["colspan", "rowspan"],
  a: ["href", "title"],
  img: ["src", "alt", "width", "height"],
  span: [],
  div: [],
};
const VOID = new Set(["br", "hr", "img"]);
/** Dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "template",
  "noscript",
  "noembed",
  "noframes",
  "textarea",
  "title",
  "xmp",
  "plaintext",
  "select",
  "head",
]);

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", colon: ":", tab: "\t", newline: "\n" };
/** Entities decoded the way a browser reads an attribute, so `&#106;avascript:` is seen for what it is. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/** http(s), mailto, a same-site path or a fragment; anything else (javascript:, data:, vbscript: …) is refused. */
export function safeUrl(raw: string, forImage = false): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const v = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  if (!v) return null;
  if (v.startsWith("//")) return null;
  if (v.startsWith("/") || v.startsWith("#")) return forImage && v.startsWith("#") ? null : v;
  const m = v.match(/^([a-z][a-z0-9+.-]*):/i);
  if (!m) return /^[\w./?=&%-]+$/.test(v) ? v : null;
  const scheme = m[1].toLowerCase();
  if (scheme === "http" || scheme === "https") return v;
  if (scheme === "mailto" && !forImage) return v;
  return null;
}

type Tag = { name: string; closing: boolean; attrs: Array<[string, string]>; end: number };

/** Reads a tag at `i` (input[i] === "<"); null if what follows is not a well-formed tag. */
function readTag(input: string, i: number): Tag | null {
  const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(input.slice(i, i + 64));
  if (!m) return null;
  let j = i + m[0].length;
  const attrs: Array<[string, string]> = [];
  const n = input.length;
  while (j < n) {
    while (j < n && /[\s/]/.test(input[j])) j++;
    if (j >= n) return null;
    if (input[j] === ">") return { name: m[2].toLowerCase(), closing: m[1] === "/", attrs, end: j + 1 };
    if (input[j] === "<") return null;
    const a = /^[^\s"'>/=<]+/.exec(input.slice(j));
    if (!a) return null;
    const name = a[0].toLowerCase();
    j += a[0].length;
    while (j < n && /\s/.test(input[j])) j++;
    let value = "";
    if (input[j] === "=") {
      j++;
      while (j < n && /\s/.test(input[j])) j++;
      const q = input[j];
      if (q === '"' || q === "'") {
        const close = input.indexOf(q, j + 1);
        if (close < 0) return null;
        value = input.slice(j + 1, close);
        j = close + 1;
      } else {
        const u = /^[^\s>]*/.exec(input.slice(j));
        value = u ? u[0] : "";
        j += value.length;
      }
    }
    attrs.push([name, value]);
  }
  return null;
}

function keptAttrs(tag: string, attrs: Array<[string, string]>): string {
  const allowed = ALLOWED[tag] ?? [];
  let out = "";
  for (const [name, raw] of attrs) {
    if (!allowed.includes(name)) continue;
    let v: string | null = decodeEntities(raw);
    if (name === "href") v = safeUrl(raw);
    else if (name === "src") v = safeUrl(raw, true);
    else if (name === "width" || name === "height" || name === "colspan" || name === "rowspan") v = /^\d{1,4}$/.test(v) ? v : null;
    if (v === null) continue;
    out += ` ${name}="${escapeAttr(v)}"`;
  }
  if (tag === "a" && out.includes("href=")) out += ' rel="noopener noreferrer nofollow"';
  return out;
}

/** The HTML with only allowed tags and attributes, every text re-escaped and every element closed. */
export function sanitizeHtml(input: string): string {
  let out = "";
  const open: string[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const lt = input.indexOf("<", i);
    if (lt < 0) {
      out += escapeText(decodeEntities(input.slice(i)));
      break;
    }
    out += escapeText(decodeEntities(input.slice(i, lt)));
    // Comments, doctypes and processing instructions go, with what they hide.
    if (input.startsWith("<!--", lt)) {
      const e = input.indexOf("-->", lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (input[lt + 1] === "!" || input[lt + 1] === "?") {
      const e = input.indexOf(">", lt);
      i = e < 0 ? n : e + 1;
      continue;
    }
    const tag = readTag(input, lt);
    if (!tag) {
      out += "&lt;";
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (DROP_WITH_CONTENT.has(tag.name)) {
      if (!tag.closing) {
        const close = new RegExp(`</${tag.name}\\s*>`, "i").exec(input.slice(i));
        i = close ? i + close.index + close[0].length : n;
      }
      continue;
    }
    if (!(tag.name in ALLOWED)) continue;
    if (tag.closing) {
      const at = open.lastIndexOf(tag.name);
      if (at < 0) continue;
      while (open.length > at) out += `</${open.pop()}>`;
      continue;
    }
    out += `<${tag.name}${keptAttrs(tag.name, tag.attrs)}>`;
    if (!VOID.has(tag.name)) open.push(tag.name);
  }
  while (open.length) out += `</${open.pop()}>`;
  return out;
}

/** The text of sanitised HTML (for search, feeds' summaries and the 保密审核 scan). */
export function htmlText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>|<\/(p|li|tr|h[2-4]|div|blockquote)>/gi, "\n").replace(/<[^>]*>/g, ""));
}

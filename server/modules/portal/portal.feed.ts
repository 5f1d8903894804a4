// An Atom feed (RFC 4287) of a column's published items, newest first, for feed readers.
import type { TPublicItem } from "../../../contracts/portal.js";

const x = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function atomFeed(o: {
  base: string;
  community: { code: string; name: string };
  column: { key: string; name: string };
  items: TPublicItem[];
  updated: string | null;
}): string {
  const self = `${o.base}/api/public/disclosure/feed/${encodeURIComponent(o.community.code)}/${encodeURIComponent(o.column.key)}.atom`;
  const page = `${o.base}/public/disclosure/${encodeURIComponent(o.community.code)}`;
  const entries = o.items.map((i) => {
    const link = `${page}/items/${encodeURIComponent(i.id)}`;
    const state = i.status === "withdrawn" ? `【已撤回】` : i.status === "superseded" ? `【已更正】` : "";
    const summary =
      i.status === "withdrawn" ? `已于${i.withdrawnOn}撤回：${i.withdrawReason ?? ""}` : `${i.columnName} · 公开期间 ${i.periodFrom} 至 ${i.periodTo}`;
    return [
      "  <entry>",
      `    <id>urn:shequ:disclosure:${x(i.id)}</id>`,
      `    <title>${x(state + i.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(link)}"/>`,
      `    <published>${i.publishedOn}T00:00:00+08:00</published>`,
      `    <updated>${i.withdrawnOn ?? i.publishedOn}T00:00:00+08:00</updated>`,
      `    <summary>${x(summary)}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>urn:shequ:disclosure:${x(o.community.code)}:${x(o.column.key)}</id>`,
    `  <title>${x(`${o.community.name} 三务公开 · ${o.column.name}`)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${x(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(page)}"/>`,
    `  <updated>${o.updated ?? "1970-01-01T00:00:00Z"}</updated>`,
    `  <author><name>${x(o.community.name)}</name></author>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

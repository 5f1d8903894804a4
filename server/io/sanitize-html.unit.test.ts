import { describe, expect, it } from "vitest";
import { htmlText, safeUrl, sanitizeHtml } from "./sanitize-html.js";

// The usual XSS payloads (OWASP's filter-evasion list, shortened): none may leave an element, an
// attribute or a URL that runs code; ordinary rich text comes through unchanged.

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
  "<scr<script>ipt>alert(1)</script>",
  "<script>alert(1)",
  '<img src=x onerror="alert(1)">',
  "<img src=x onerror=alert(1)//",
  '<IMG SRC="javascript:alert(1);">',
  "<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href=" &#14; javascript:alert(1)">x</a>',
  '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1))">x</div>',
  "<svg/onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<body onload="alert(1)">',
  '<p onclick="alert(1)" onmouseover=alert(1)>x</p>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<a href="x" onfocus="alert(1)" autofocus>x</a>',
  "<<p>>",
  '<p title="a"onclick="alert(1)">x</p>',
  "<!--<img src=x onerror=alert(1)>-->",
  "<form action=javascript:alert(1)><input type=submit>",
  "<details open ontoggle=alert(1)>",
  '<a href="//evil.example">x</a>',
  "<style>@import 'javascript:alert(1)';</style>",
  "<base href=javascript:alert(1)//>",
  "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
];

describe("sanitizeHtml", () => {
  it.each(PAYLOADS)("leaves nothing that runs: %s", (p) => {
    const out = sanitizeHtml(p);
    const tags = [...out.matchAll(/<([a-z0-9]+)([^>]*)>/gi)];
    for (const [, name, attrs] of tags) {
      expect(["script", "svg", "iframe", "object", "embed", "style", "math", "form", "input", "body", "base", "meta", "details"]).not.toContain(
        name.toLowerCase(),
      );
      expect(attrs).not.toMatch(/\son[a-z]+\s*=/i);
      expect(attrs).not.toMatch(/style\s*=/i);
      expect(attrs).not.toMatch(/(javascript|vbscript|data):/i);
      expect(attrs).not.toMatch(/="\/\//);
    }
    // Whatever is left of the payload is text: no raw "<" that a browser could read as a tag.
    expect(out.replace(/<\/?[a-z0-9]+(\s[a-z]+="[^"<>]*")*>/gi, "")).not.toContain("<");
  });

  it("keeps ordinary rich text, links, images and tables", () => {
    const html =
      '<h3>公示</h3><p>经<strong>居民议事会</strong>表决，<a href="https://www.szlhq.gov.cn/">详见</a></p><ul><li>一</li><li>二</li></ul>' +
      '<p><img src="/api/files/abc" alt="现场" width="300"></p><table><tbody><tr><td colspan="2">合计</td></tr></tbody></table>';
    expect(sanitizeHtml(html)).toBe(
      '<h3>公示</h3><p>经<strong>居民议事会</strong>表决，<a href="https://www.szlhq.gov.cn/" rel="noopener noreferrer nofollow">详见</a></p><ul><li>一</li><li>二</li></ul>' +
        '<p><img src="/api/files/abc" alt="现场" width="300"></p><table><tbody><tr><td colspan="2">合计</td></tr></tbody></table>',
    );
  });

  it("escapes text, closes what is left open and drops stray closing tags", () => {
    expect(sanitizeHtml("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
    expect(sanitizeHtml("<p><strong>x</p>y</em>")).toBe("<p><strong>x</strong></p>y");
    expect(sanitizeHtml("&lt;script&gt;")).toBe("&lt;script&gt;");
    expect(sanitizeHtml('<p title="&quot;><script>">x</p>')).toBe("<p>x</p>");
  });

  it("reads the text of a body and judges URLs", () => {
    expect(htmlText("<p>张三</p><p>138&amp;</p>")).toBe("张三\n138&\n");
    expect(safeUrl("https://a.example/x")).toBe("https://a.example/x");
    expect(safeUrl("mailto:a@b.cn")).toBe("mailto:a@b.cn");
    expect(safeUrl("mailto:a@b.cn", true)).toBeNull();
    expect(safeUrl("javascript:alert(1)")).toBeNull();
  });
});

import type { Operation } from "./openapi.js";
import { problemAnchor } from "./problem.js";

/** Problem titles the service answers with; each `type` URI points at its entry here. */
const PROBLEMS: [title: string, status: number, meaning: string][] = [
  ["Invalid input", 400, "The body or query is wrong; `errors` lists each problem with its dotted path (`scenario.employees.17.agency`)."],
  ["Unauthorized", 401, "No API key, or an unknown one."],
  ["Forbidden", 403, "The key's role may not do this."],
  ["Not found", 404, "Nothing at this URL."],
  ["Not acceptable", 406, "The resource has no representation the Accept header allows."],
  ["Conflict", 409, "Not now: the plan of a job that has not completed, the cancel of one that has ended."],
  ["Gone", 410, "It existed but has expired (after `JOB_RETENTION_DAYS`)."],
  ["Body too large", 413, "Over `BODY_LIMIT_MB`."],
  ["Unsupported media type", 415, "The body is not JSON."],
  ["Idempotency key reused", 422, "The Idempotency-Key was used before with a different body."],
  ["Too many requests", 429, "Over `RATE_LIMIT_PER_MINUTE`; retry after the `RateLimit` header's reset."],
  ["Headers too large", 431, "The request's headers or URL are over the server's limit (16 KiB in all)."],
  ["Internal error", 500, "A fault; it has been logged with the request id."],
  ["Service unavailable", 503, "Redis is not answering."],
  ["Not ready", 503, "`/readyz`: Redis is not answering or no worker has been seen."],
];

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const code = (text: string) => escape(text).replace(/`([^`]+)`/g, "<code>$1</code>");

/** `/docs`: the API on one self-contained page (no scripts, no fonts, nothing fetched). */
export function docsPage(operations: Operation[], schemas: Record<string, unknown>): string {
  const ops = operations
    .map(
      (op) => `<section class="op"><h3><span class="m ${op.method}">${op.method.toUpperCase()}</span> <code>${escape(op.path)}</code></h3>
<p>${code(op.summary)} <em>${op.role === "public" ? "No key needed." : op.role === "any" ? "Any key." : `Role ${op.role} or above.`}</em></p>
${op.body ? `<p>Body: <a href="#schema-${op.body}">${op.body}</a></p>` : ""}
${[...(op.query ?? []), ...(op.headers ?? [])].map((p) => `<p><code>${escape(p.name)}</code>: ${code(p.description)}</p>`).join("\n")}
<ul>${Object.entries(op.responses)
        .map(([status, r]) => `<li><b>${status}</b> ${code(r.description)}${r.schema ? ` (<a href="#schema-${r.schema}">${r.schema}</a>)` : ""}</li>`)
        .join("")}</ul></section>`,
    )
    .join("\n");
  const problems = PROBLEMS.map(([title, status, meaning]) => `<li id="${problemAnchor(title)}"><b>${status} ${escape(title)}</b>: ${code(meaning)}</li>`).join("\n");
  const schemaList = Object.entries(schemas)
    .map(([id, schema]) => `<details id="schema-${id}"><summary>${id}</summary><pre>${escape(JSON.stringify(schema, null, 2))}</pre></details>`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ikn-allocator API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f4f4f4;padding:.75rem;overflow:auto}
.op{border-top:1px solid #ddd;padding:.25rem 0}.m{display:inline-block;min-width:4.5rem;font-size:12px;padding:2px 6px;border-radius:3px;color:#fff;text-align:center}
.get{background:#2f6f9f}.post{background:#3b8a3e}.delete{background:#a33}.put{background:#a66d00}
</style></head><body>
<h1>ikn-allocator API</h1>
<p>Scenarios and plans follow MODEL.md. Send the key as <code>Authorization: Bearer &lt;key&gt;</code> or <code>X-API-Key</code>.
Errors are <code>application/problem+json</code>. Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a>.</p>
<h2>Operations</h2>
${ops}
<h2 id="problems">Problems</h2>
<ul>${problems}</ul>
<h2>Schemas</h2>
${schemaList}
</body></html>`;
}

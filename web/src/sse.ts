import { ApiError, request } from "./api.js";

export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser of a `text/event-stream` (the WHATWG rules the service's stream uses: `event:`
 * and `data:` fields, blank line ends an event, `:` starts a comment). Chunks may split lines anywhere.
 */
export class EventStreamParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];

  push(chunk: string): ServerEvent[] {
    this.buffer += chunk;
    const out: ServerEvent[] = [];
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      const width = this.buffer.startsWith("\r\n", nl) ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for more.
      if (width === 1 && this.buffer[nl] === "\r" && nl === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(nl + width);
      const done = this.line(line);
      if (done) out.push(done);
    }
    return out;
  }

  private line(line: string): ServerEvent | undefined {
    if (line === "") {
      const done = this.data.length ? { event: this.event || "message", data: this.data.join("\n") } : undefined;
      this.event = "";
      this.data = [];
      return done;
    }
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    return undefined;
  }
}

/**
 * Reads an SSE stream with `fetch` rather than EventSource, so that the key travels in a header
 * (EventSource cannot send one). Resolves when the server ends the stream or `signal` aborts.
 */
export async function readEvents(path: string, onEvent: (e: ServerEvent) => void, signal: AbortSignal): Promise<void> {
  const res = await request(path, { accept: "text/event-stream", signal });
  if (!res.body) throw new ApiError({ title: "no event stream", status: res.status });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new EventStreamParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const e of parser.push(value)) onEvent(e);
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  } finally {
    reader.releaseLock();
  }
}

import { describe, expect, it } from "vitest";
import { EventStreamParser } from "../web/src/sse.js";

describe("reading the job event stream", () => {
  const stream = 'event: progress\ndata: {"phase":"solving","percent":40}\n\n: keep-alive\n\nevent: status\r\ndata: {"status":\r\ndata: "completed"}\r\n\r\n';

  it("yields each event once its blank line arrives, joining multi-line data", () => {
    const events = new EventStreamParser().push(stream);
    expect(events).toEqual([
      { event: "progress", data: '{"phase":"solving","percent":40}' },
      { event: "status", data: '{"status":\n"completed"}' },
    ]);
  });

  it("gives the same events however the network splits the bytes", () => {
    for (const size of [1, 2, 3, 7, 16]) {
      const parser = new EventStreamParser();
      const events = [];
      for (let i = 0; i < stream.length; i += size) events.push(...parser.push(stream.slice(i, i + size)));
      expect(events.map((e) => e.event), `chunks of ${size}`).toEqual(["progress", "status"]);
      expect(events[1].data).toBe('{"status":\n"completed"}');
    }
  });

  it("names an event without an event field `message`", () => {
    expect(new EventStreamParser().push("data:x\n\n")).toEqual([{ event: "message", data: "x" }]);
  });
});

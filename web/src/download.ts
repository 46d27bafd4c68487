import { request } from "./api.js";

/**
 * Saves a response as a file. The request goes through `fetch` with the key in a header; the browser
 * then saves a blob: URL, so no key ever sits in a link.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function downloadFrom(path: string, accept: string, filename: string): Promise<void> {
  const res = await request(path, { accept });
  saveBlob(await res.blob(), filename);
}
